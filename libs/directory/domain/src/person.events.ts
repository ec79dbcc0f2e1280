import type { PersonRole } from './directory.commands';

/** The person as registered or after an update: every field, so a consumer can keep a copy from one event. */
export interface PersonProfile {
  /** How the person signs in: the token subject, the SCIM userName, the id customers name as owner. */
  readonly personId: string;
  /** Display name. */
  readonly name: string;
  readonly email: string | null;
  readonly roles: readonly PersonRole[];
  readonly teamId: string | null;
  readonly managerId: string | null;
  /** The identity provider's id for the person (SCIM externalId), if it sent one. */
  readonly externalId: string | null;
}

interface Change {
  readonly by: string;
  readonly at: string;
}

export type PersonEvent =
  | { readonly type: 'directory.person-registered.v1'; readonly data: PersonProfile & Change }
  | { readonly type: 'directory.person-updated.v1'; readonly data: PersonProfile & Change & { readonly changed: readonly (keyof PersonProfile)[]; readonly active: boolean } }
  | { readonly type: 'directory.person-deactivated.v1'; readonly data: { readonly personId: string; readonly reason: string } & Change }
  | { readonly type: 'directory.person-reactivated.v1'; readonly data: { readonly personId: string; readonly reason: string } & Change };

export type PersonEventType = PersonEvent['type'];
