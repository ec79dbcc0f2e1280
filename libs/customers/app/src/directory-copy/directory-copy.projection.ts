import type { ProjectionView } from '@rapport/platform-eventsourcing';
import type { IntegrationEvent, TopicProjection } from '@rapport/platform-messaging';
import { DIRECTORY_TOPIC, DirectoryEventTypes, type DirectoryPayloadsV1, type PersonRoleV1 } from '@rapport/directory-contracts';

export const DIRECTORY_PEOPLE = 'directory_people';
export const DIRECTORY_COPY_PROJECTION = 'customers-directory-copy';

/** What customers keeps of a person: enough to check D1 (active) and apply D2 (who left, why). */
export interface DirectoryPerson {
  readonly id: string;
  readonly active: boolean;
  readonly displayName: string | null;
  readonly roles: readonly PersonRoleV1[];
  readonly teamId: string | null;
  readonly managerId: string | null;
  /** Why the person was last deactivated (D2: named on each reassignment), or null. */
  readonly deactivationReason: string | null;
  readonly changedAt: string;
}

type DirectoryMessage = { [T in keyof DirectoryPayloadsV1]: { readonly type: T; readonly data: DirectoryPayloadsV1[T] } }[keyof DirectoryPayloadsV1];

const isDirectoryMessage = (event: IntegrationEvent): event is IntegrationEvent & DirectoryMessage =>
  (Object.values(DirectoryEventTypes) as string[]).includes(event.type);

async function applyDirectoryEvent(event: DirectoryMessage, view: ProjectionView): Promise<void> {
  switch (event.type) {
    case DirectoryEventTypes.personRegistered:
    case DirectoryEventTypes.personUpdated: {
      const d = event.data;
      const before = await view.get<DirectoryPerson>(DIRECTORY_PEOPLE, d.personId);
      view.put<DirectoryPerson>(DIRECTORY_PEOPLE, {
        id: d.personId,
        active: d.active,
        displayName: d.displayName,
        roles: d.roles,
        teamId: d.teamId,
        managerId: d.managerId,
        deactivationReason: d.active ? null : (before?.deactivationReason ?? null),
        changedAt: d.changedAt,
      });
      return;
    }
    case DirectoryEventTypes.personDeactivated:
    case DirectoryEventTypes.personReactivated: {
      const d = event.data;
      const before = await view.get<DirectoryPerson>(DIRECTORY_PEOPLE, d.personId);
      const base: DirectoryPerson = before ?? { id: d.personId, active: d.active, displayName: null, roles: [], teamId: null, managerId: null, deactivationReason: null, changedAt: d.changedAt };
      view.put<DirectoryPerson>(DIRECTORY_PEOPLE, { ...base, active: d.active, deactivationReason: d.active ? null : d.reason, changedAt: d.changedAt });
      return;
    }
    case DirectoryEventTypes.teamDefined:
      // Customers has no business hours to keep (complaint SLAs will).
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * Customers' own copy of the directory (D1, D2), fed by `rapport.directory.v1`: it never reads the
 * directory's store. Types it does not know (a later version) are skipped, not dead-lettered.
 */
export const directoryCopyProjection: TopicProjection = {
  name: DIRECTORY_COPY_PROJECTION,
  version: 1,
  topics: [DIRECTORY_TOPIC],
  collections: [{ name: DIRECTORY_PEOPLE, indexes: [['active']] }],
  apply: (event, view) => (isDirectoryMessage(event) ? applyDirectoryEvent(event, view) : undefined),
};
