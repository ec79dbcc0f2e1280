/**
 * Integration events of the directory, published on {@link DIRECTORY_TOPIC} as CloudEvents whose subject and
 * partition key are the person id (or the team id), so one person's changes arrive in order.
 * A public contract: a change that breaks a consumer gets a new type version beside the old one.
 * Payloads carry what other services need to check D1/D2 (standing, roles, team, manager) and a display
 * name; no e-mail address leaves the directory on the topic.
 */
export const DIRECTORY_TOPIC = 'rapport.directory.v1';
export const DIRECTORY_SOURCE = '/rapport/directory';

export const DirectoryEventTypes = {
  personRegistered: 'rapport.directory.person-registered.v1',
  personUpdated: 'rapport.directory.person-updated.v1',
  personDeactivated: 'rapport.directory.person-deactivated.v1',
  personReactivated: 'rapport.directory.person-reactivated.v1',
  teamDefined: 'rapport.directory.team-defined.v1',
} as const;
export type DirectoryEventTypeV1 = (typeof DirectoryEventTypes)[keyof typeof DirectoryEventTypes];

export type PersonRoleV1 = 'rep' | 'manager' | 'auditor' | 'integrator' | 'admin';

/** A person as the directory knows them now: every registration and update carries all of it. */
export interface PersonV1 {
  readonly personId: string;
  readonly displayName: string;
  readonly roles: readonly PersonRoleV1[];
  readonly teamId: string | null;
  readonly managerId: string | null;
  readonly active: boolean;
  readonly changedAt: string;
}

/** D2: the person left (or came back); consumers make their work reassignable at once. */
export interface PersonStatusChangedV1 {
  readonly personId: string;
  readonly active: boolean;
  readonly reason: string;
  readonly changedAt: string;
}

export interface OpeningIntervalV1 {
  readonly from: string;
  readonly to: string;
}

/** D1: a team's calendar, which SLA clocks (K3) run on; published whole on each definition or change. */
export interface TeamDefinedV1 {
  readonly teamId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly businessHours: Readonly<Record<'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat', readonly OpeningIntervalV1[]>>;
  readonly holidays: readonly string[];
  readonly changedAt: string;
}

/** The payload each type carries: a wrong payload for a type does not compile. */
export interface DirectoryPayloadsV1 {
  readonly 'rapport.directory.person-registered.v1': PersonV1;
  readonly 'rapport.directory.person-updated.v1': PersonV1;
  readonly 'rapport.directory.person-deactivated.v1': PersonStatusChangedV1;
  readonly 'rapport.directory.person-reactivated.v1': PersonStatusChangedV1;
  readonly 'rapport.directory.team-defined.v1': TeamDefinedV1;
}
