import { DIRECTORY_TOPIC, DirectoryEventTypes, type DirectoryPayloadsV1 } from '@rapport/directory-contracts';
import type { IntegrationEvent, TopicProjection } from '@rapport/platform-messaging';

export const PEOPLE = 'people';

/** What gating keeps of a person: whose manager to alert when one of their customers goes FIX_FIRST (G3). */
export interface PersonDoc {
  readonly id: string;
  readonly managerId: string | null;
  readonly active: boolean;
}

type DirectoryMessage = { [T in keyof DirectoryPayloadsV1]: { readonly type: T; readonly data: DirectoryPayloadsV1[T] } }[keyof DirectoryPayloadsV1];
const isDirectoryMessage = (event: IntegrationEvent): event is IntegrationEvent & DirectoryMessage => (Object.values(DirectoryEventTypes) as string[]).includes(event.type);

/** Gating's copy of the directory (D1) from `rapport.directory.v1`: each person's manager. */
export const peopleProjection: TopicProjection = {
  name: 'sales-gating-people',
  version: 1,
  topics: [DIRECTORY_TOPIC],
  collections: [{ name: PEOPLE }],
  async apply(event, view) {
    if (!isDirectoryMessage(event)) return;
    switch (event.type) {
      case DirectoryEventTypes.personRegistered:
      case DirectoryEventTypes.personUpdated:
        return view.put<PersonDoc>(PEOPLE, { id: event.data.personId, managerId: event.data.managerId, active: event.data.active });
      case DirectoryEventTypes.personDeactivated:
      case DirectoryEventTypes.personReactivated: {
        const before = await view.get<PersonDoc>(PEOPLE, event.data.personId);
        return view.put<PersonDoc>(PEOPLE, { id: event.data.personId, managerId: before?.managerId ?? null, active: event.data.active });
      }
      case DirectoryEventTypes.teamDefined:
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
