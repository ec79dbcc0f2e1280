import { join } from 'node:path';
import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { PoisonMessageError } from '@rapport/platform-messaging';
import { AUDIT_READS_TOPIC, PERSONAL_DATA_READ_STORED_TYPE, PERSONAL_DATA_READ_TYPE, personalReadMessages, type PersonalDataRead } from '@rapport/platform-nest';
import { asyncApiDocument, recordedEvents } from '@rapport/platform-testing';
import { readOfMessage } from './reads/read-log';

/**
 * libs/audit/contracts/asyncapi.yaml is the contract of `rapport.audit-reads.v1` (to join docs/asyncapi.yaml): a read
 * as a service's log stores it goes through the real mapping (the relay's) and the real Kafka binding.
 */
const contract = asyncApiDocument(join(__dirname, '../../contracts/asyncapi.yaml'));

const mia = '0192f0c4-6c1e-7d1a-9b7e-2f3c4d5e6f70';
const search: PersonalDataRead = {
  service: 'customers',
  readerId: 'manager-max',
  readerRoles: ['manager'],
  at: '2026-03-06T09:00:00.000Z',
  method: 'GET',
  route: '/api/v1/customers',
  path: '/api/v1/customers',
  query: { q: 'Mia Wong', phone: '+14155550100' },
  customerIds: [mia],
  status: 200,
  correlationId: 'corr-1',
};
const recorded = (read: PersonalDataRead): RecordedEvent =>
  recordedEvents([{ streamId: `reads-${read.at.slice(0, 10)}`, event: { type: PERSONAL_DATA_READ_STORED_TYPE, data: read }, at: read.at }])[0]!;

describe('the audit reads topic is as documented (rapport.audit-reads.v1, A6)', () => {
  it('A6: a stored read is published as documented: ids, route template, when and correlation — keyed by reader', () => {
    const messages = personalReadMessages(recorded(search));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    contract.expectDocumented(message!);
    expect(message).toMatchObject({ topic: AUDIT_READS_TOPIC, key: 'manager-max', event: { type: PERSONAL_DATA_READ_TYPE, source: '/rapport/customers', subject: 'manager-max', time: search.at } });
    expect(message!.event.data).toEqual({ service: 'customers', readerId: 'manager-max', readerRoles: ['manager'], customerIds: [mia], method: 'GET', route: '/api/v1/customers', status: 200, at: search.at, correlationId: 'corr-1' });
  });

  it('A6, A5: the path and query as asked stay in the serving process: a searched name or phone never travels', () => {
    const [message] = personalReadMessages(recorded(search));
    const json = JSON.stringify(message);
    expect(json).not.toContain('Mia Wong');
    expect(json).not.toContain('+14155550100');
    // Another service's stored event in the same store is not a read: nothing is published for it.
    expect(personalReadMessages(recordedEvents([{ streamId: 'reads-x', event: { type: 'customers.customer-registered.v1', data: {} } }])[0]!)).toEqual([]);
  });

  it('A6: the audit takes the documented message into its log as the read it tells of, and refuses what is not one', () => {
    const [message] = personalReadMessages(recorded(search));
    const incoming = { ...message!, partition: 0, offset: 7 };
    expect(readOfMessage(incoming)).toEqual({ ...search, path: null, query: null });
    const { route: _route, ...withoutRoute } = message!.event.data as Record<string, unknown>;
    expect(() => readOfMessage({ ...incoming, event: { ...incoming.event, data: withoutRoute } })).toThrow(PoisonMessageError);
    expect(() => readOfMessage({ ...incoming, event: { ...incoming.event, type: 'rapport.customers.customer-registered.v1' } })).toThrow(PoisonMessageError);
    expect(() => readOfMessage({ ...incoming, event: { ...incoming.event, data: { ...message!.event.data as object, at: 'yesterday' } } })).toThrow(/instant/);
  });

  it('has no stale message: the channel documents exactly the one type published on it', () => {
    expect(contract.messagesOf(contract.channel(AUDIT_READS_TOPIC)).map((m) => m.name)).toEqual([PERSONAL_DATA_READ_TYPE]);
  });
});
