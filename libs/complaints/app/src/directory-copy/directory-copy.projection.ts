import type { IntegrationEvent, TopicProjection } from '@rapport/platform-messaging';
import { DIRECTORY_TOPIC, DirectoryEventTypes, type DirectoryPayloadsV1 } from '@rapport/directory-contracts';
import type { BusinessCalendar } from '@rapport/platform-eventsourcing';

export const COMPLAINTS_PEOPLE = 'complaints_people';
export const COMPLAINTS_TEAMS = 'complaints_teams';
export const COMPLAINTS_DIRECTORY_PROJECTION = 'complaints-directory-copy';

/** What complaints keeps of a person: D1 standing, team (whose calendar the SLA runs on), manager (K3 escalation). */
export interface PersonDoc {
  readonly id: string;
  readonly active: boolean;
  readonly teamId: string | null;
  readonly managerId: string | null;
}

/** D1: a team's business calendar, as the directory published it last. */
export interface TeamDoc extends BusinessCalendar {
  readonly id: string;
}

type DirectoryMessage = { [T in keyof DirectoryPayloadsV1]: { readonly type: T; readonly data: DirectoryPayloadsV1[T] } }[keyof DirectoryPayloadsV1];
const isDirectoryMessage = (event: IntegrationEvent): event is IntegrationEvent & DirectoryMessage =>
  (Object.values(DirectoryEventTypes) as string[]).includes(event.type);

/** The complaints service's copy of the directory (D1), from `rapport.directory.v1`: people and team calendars. */
export const directoryCopyProjection: TopicProjection = {
  name: COMPLAINTS_DIRECTORY_PROJECTION,
  version: 1,
  topics: [DIRECTORY_TOPIC],
  collections: [{ name: COMPLAINTS_PEOPLE }, { name: COMPLAINTS_TEAMS }],
  async apply(event, view) {
    if (!isDirectoryMessage(event)) return;
    switch (event.type) {
      case DirectoryEventTypes.personRegistered:
      case DirectoryEventTypes.personUpdated: {
        const d = event.data;
        return view.put<PersonDoc>(COMPLAINTS_PEOPLE, { id: d.personId, active: d.active, teamId: d.teamId, managerId: d.managerId });
      }
      case DirectoryEventTypes.personDeactivated:
      case DirectoryEventTypes.personReactivated: {
        const d = event.data;
        const before = await view.get<PersonDoc>(COMPLAINTS_PEOPLE, d.personId);
        return view.put<PersonDoc>(COMPLAINTS_PEOPLE, { id: d.personId, active: d.active, teamId: before?.teamId ?? null, managerId: before?.managerId ?? null });
      }
      case DirectoryEventTypes.teamDefined: {
        const d = event.data;
        return view.put<TeamDoc>(COMPLAINTS_TEAMS, { id: d.teamId, timeZone: d.timeZone, hours: d.businessHours, holidays: d.holidays });
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
