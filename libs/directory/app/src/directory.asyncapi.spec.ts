import { asyncApiDocument, recordedEvents, type Json, type JsonObject, type MessageDoc } from '@rapport/platform-testing';
import { DIRECTORY_TOPIC, DirectoryEventTypes } from '@rapport/directory-contracts';
import { type PersonEvent, type TeamEvent } from '@rapport/directory-domain';
import { ALWAYS_OPEN } from '@rapport/platform-eventsourcing';
import { toDirectoryMessages } from './directory.integration';

/**
 * docs/asyncapi.yaml is the contract of rapport.directory.v1: every internal directory event goes through the
 * real mapping and the real Kafka binding, and topic, key, headers and payload must be what the document says.
 */
const contract = asyncApiDocument();
const { doc, deref } = contract;
const directory = contract.channel(DIRECTORY_TOPIC);
const messages = contract.messagesOf(directory);

type Internal = PersonEvent | TeamEvent;
type DataOf<T extends Internal['type']> = Extract<Internal, { readonly type: T }>['data'];
const change = { by: 'admin-root', at: '2026-03-03T09:00:00.000Z' };
const ana = { personId: 'rep-ana', name: 'Ana Alves', email: 'ana@example.com', roles: ['rep'] as const, teamId: 'east', managerId: 'manager-max', externalId: '00u1' };
const team = { ...ALWAYS_OPEN, teamId: 'east', name: 'East', timeZone: 'Europe/Berlin', holidays: ['2026-12-25'] };

/** Every internal directory event, with its nullable branches; all of them are published. */
const published: { readonly [T in Internal['type']]: readonly [DataOf<T>, ...DataOf<T>[]] } = {
  'directory.person-registered.v1': [{ ...ana, ...change }, { ...ana, personId: 'admin-root', email: null, teamId: null, managerId: null, externalId: null, roles: ['admin', 'manager'], ...change }],
  'directory.person-updated.v1': [{ ...ana, ...change, changed: ['roles'], active: true }, { ...ana, ...change, managerId: null, changed: ['managerId'], active: false }],
  'directory.person-deactivated.v1': [{ personId: 'rep-ana', reason: 'left the company', ...change }],
  'directory.person-reactivated.v1': [{ personId: 'rep-ana', reason: 'came back', ...change }],
  'directory.team-defined.v1': [{ ...team, ...change }],
  'directory.team-changed.v1': [{ ...team, hours: { ...team.hours, sat: [], sun: [] }, ...change }],
};
const cases = recordedEvents(
  Object.entries(published).flatMap(([type, list]) =>
    (list as readonly ({ personId: string } | { teamId: string })[]).map((data) => ({ streamId: 'personId' in data ? `person-${data.personId}` : `team-${data.teamId}`, event: { type, data } })),
  ),
);

describe('docs/asyncapi.yaml is the contract of rapport.directory.v1 (D1, D2)', () => {
  it('documents the topic once (the contract finds exactly one channel), with send and receive operations over all its messages', () => {
    const operations = (Object.values(doc['operations'] as JsonObject) as { action: string; channel: Json; messages: Json[] }[]).filter((o) => Object.is(deref(o.channel), directory));
    expect(operations.map((o) => o.action).sort()).toEqual(['receive', 'send']);
    for (const o of operations) expect(o.messages.map((m) => (deref(m) as unknown as MessageDoc).name).sort()).toEqual(Object.values(DirectoryEventTypes).sort());
  });

  it.each(cases.map((recorded) => [`${recorded.type} (${recorded.metadata.eventId})`, recorded] as const))('%s is published as documented: topic, key, headers, payload', (_name, recorded) => {
    const out = toDirectoryMessages(recorded);
    expect(out).toHaveLength(1);
    const message = out[0]!;
    expect(message.topic).toBe(DIRECTORY_TOPIC);
    expect(message.key).toBe(recorded.metadata.streamId.replace(/^(person|team)-/, ''));
    expect(message.event.subject).toBe(message.key);
    contract.expectDocumented(message);
    expect(JSON.stringify(message.event.data)).not.toContain('ana@example.com');
  });

  it('every documented message is produced by the mapping, and every contract type is documented', () => {
    const produced = [...new Set(cases.flatMap((r) => toDirectoryMessages(r).map((m) => m.event.type)))].sort();
    expect(messages.map((m) => m.name).sort()).toEqual(produced);
    expect(Object.values(DirectoryEventTypes).sort()).toEqual(produced);
  });
});
