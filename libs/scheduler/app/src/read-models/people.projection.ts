import type { IntegrationEvent, TopicProjection } from '@rapport/platform-messaging';
import { DIRECTORY_TOPIC, DirectoryEventTypes, type DirectoryPayloadsV1 } from '@rapport/directory-contracts';

export const PEOPLE = 'people';
export const TEAMS = 'teams';

/** What the scheduler keeps of a person: the team whose overdue follow-ups they count in. */
export interface PersonDoc {
  readonly id: string;
  readonly teamId: string | null;
  readonly managerId: string | null;
  readonly active: boolean;
}

type DirectoryMessage = { [T in keyof DirectoryPayloadsV1]: { readonly type: T; readonly data: DirectoryPayloadsV1[T] } }[keyof DirectoryPayloadsV1];
const isDirectoryMessage = (event: IntegrationEvent): event is IntegrationEvent & DirectoryMessage =>
  (Object.values(DirectoryEventTypes) as string[]).includes(event.type);

/** What the scheduler keeps of a team: the time zone its people's days run in (S1 task lists). */
export interface TeamDoc {
  readonly id: string;
  readonly timeZone: string;
}

/** The scheduler's copy of the directory (D1), from `rapport.directory.v1`: teams for "overdue per team". */
export const peopleProjection: TopicProjection = {
  name: 'scheduler-people',
  version: 2,
  topics: [DIRECTORY_TOPIC],
  collections: [{ name: PEOPLE, indexes: [['teamId']] }, { name: TEAMS }],
  async apply(event, view) {
    if (!isDirectoryMessage(event)) return;
    switch (event.type) {
      case DirectoryEventTypes.personRegistered:
      case DirectoryEventTypes.personUpdated: {
        const d = event.data;
        return view.put<PersonDoc>(PEOPLE, { id: d.personId, teamId: d.teamId, managerId: d.managerId, active: d.active });
      }
      case DirectoryEventTypes.personDeactivated:
      case DirectoryEventTypes.personReactivated: {
        const d = event.data;
        const before = await view.get<PersonDoc>(PEOPLE, d.personId);
        return view.put<PersonDoc>(PEOPLE, { id: d.personId, teamId: before?.teamId ?? null, managerId: before?.managerId ?? null, active: d.active });
      }
      case DirectoryEventTypes.teamDefined:
        return view.put<TeamDoc>(TEAMS, { id: event.data.teamId, timeZone: event.data.timeZone });
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
