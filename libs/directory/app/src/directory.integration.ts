import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { integrationEventOf, type OutgoingMessage } from '@rapport/platform-messaging';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type DirectoryPayloadsV1 } from '@rapport/directory-contracts';
import type { PersonEvent, PersonProfile, TeamEvent } from '@rapport/directory-domain';

const out = <T extends keyof DirectoryPayloadsV1>(type: T, subject: string, data: DirectoryPayloadsV1[T], recorded: RecordedEvent): OutgoingMessage[] => [
  { topic: DIRECTORY_TOPIC, key: subject, event: integrationEventOf(DIRECTORY_SOURCE, type, subject, data, recorded) },
];

const personOf = (p: PersonProfile, active: boolean, changedAt: string): DirectoryPayloadsV1['rapport.directory.person-registered.v1'] => ({
  personId: p.personId,
  displayName: p.name,
  roles: p.roles,
  teamId: p.teamId,
  managerId: p.managerId,
  active,
  changedAt,
});

/**
 * Internal directory event → integration event, through one exhaustive switch. Every directory event is
 * published; e-mail addresses and identity-provider ids stay inside the directory.
 */
export function toDirectoryMessages(recorded: RecordedEvent): readonly OutgoingMessage[] {
  const event = { type: recorded.type, data: recorded.data } as PersonEvent | TeamEvent;
  switch (event.type) {
    case 'directory.person-registered.v1':
      return out(DirectoryEventTypes.personRegistered, event.data.personId, personOf(event.data, true, event.data.at), recorded);
    case 'directory.person-updated.v1':
      return out(DirectoryEventTypes.personUpdated, event.data.personId, personOf(event.data, event.data.active, event.data.at), recorded);
    case 'directory.person-deactivated.v1':
    case 'directory.person-reactivated.v1': {
      const active = event.type === 'directory.person-reactivated.v1';
      const type = active ? DirectoryEventTypes.personReactivated : DirectoryEventTypes.personDeactivated;
      return out(type, event.data.personId, { personId: event.data.personId, active, reason: event.data.reason, changedAt: event.data.at }, recorded);
    }
    case 'directory.team-defined.v1':
    case 'directory.team-changed.v1': {
      const d = event.data;
      return out(DirectoryEventTypes.teamDefined, d.teamId, { teamId: d.teamId, name: d.name, timeZone: d.timeZone, businessHours: d.hours, holidays: d.holidays, changedAt: d.at }, recorded);
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
