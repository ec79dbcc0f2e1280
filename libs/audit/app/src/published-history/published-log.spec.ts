import { ManualClock } from '@rapport/platform-eventsourcing';
import type { IncomingMessage, IntegrationEvent } from '@rapport/platform-messaging';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { PUBLISHED_STREAM_PREFIX, PublishedLog } from './published-log';

const MIA = '0190a1b2-0000-7000-8000-000000000001';
let offset = 0;
const message = (topic: string, event: Partial<IntegrationEvent> & Pick<IntegrationEvent, 'id' | 'type' | 'time'>): IncomingMessage => ({
  topic,
  partition: 0,
  offset: offset++,
  key: MIA,
  event: { specversion: '1.0', source: '/rapport/customers', datacontenttype: 'application/json', data: {}, ...event } as IntegrationEvent,
});

describe('PublishedLog: the audit history assembled from published events (A1, A2)', () => {
  let store: SqliteEventStore;
  let log: PublishedLog;
  beforeEach(() => {
    store = SqliteEventStore.open(':memory:');
    log = new PublishedLog(store, new ManualClock(new Date('2026-03-10T00:00:00.000Z')), ['customers', 'complaints']);
  });
  afterEach(() => store.close());

  it('A1: who, when, correlation and causation come from the CloudEvent; through what only when the publisher says (a `via` extension), else unknown', async () => {
    await log.record(message('rapport.customers.v1', { id: 'e-1', type: 'rapport.customers.customer-registered.v1', time: '2026-03-02T09:00:00.000Z', subject: MIA, actorid: 'rep-ana', correlationid: 'c-1', causationid: 'cmd-1' }));
    await log.record(message('rapport.customers.v1', { id: 'e-2', type: 'rapport.customers.contact-logged.v1', time: '2026-03-03T09:00:00.000Z', subject: MIA, via: 'timer' } as never));
    const [registered, logged] = await log.collect({ subject: MIA });
    expect(registered).toMatchObject({ service: 'customers', eventId: 'e-1', at: '2026-03-02T09:00:00.000Z', actor: { id: 'rep-ana', kind: null }, via: null, reason: null, correlationId: 'c-1', causationId: 'cmd-1', streamId: 'rapport.customers.v1/0/0' });
    expect(logged).toMatchObject({ via: 'timer', actor: { id: 'unknown', kind: null } });
  });

  it('A2: an event concerns her when it is about her or names her in its data; a source that is not a service is named by its topic', async () => {
    await log.record(message('rapport.complaints.v1', { id: 'k-1', source: '/rapport/complaints', type: 'rapport.complaints.complaint-received.v1', time: '2026-03-02T10:00:00.000Z', subject: 'K-2026-000001', data: { customerId: MIA } }));
    await log.record(message('partner.feed.v1', { id: 'p-1', source: 'https://partner.example', type: 'partner.ping.v1', time: '2026-03-02T11:00:00.000Z', subject: MIA }));
    await log.record(message('rapport.complaints.v1', { id: 'k-2', source: '/rapport/complaints', type: 'rapport.complaints.complaint-received.v1', time: '2026-03-02T12:00:00.000Z', subject: 'K-2026-000002', data: { customerId: 'someone-else' } }));
    expect((await log.collect({ subject: MIA })).map((e) => [e.service, e.eventId])).toEqual([
      ['complaints', 'k-1'],
      ['partner.feed.v1', 'p-1'],
    ]);
  });

  it('A1: a redelivery is one receipt; the same event on two topics is two receipts and one entry', async () => {
    const registered = { id: 'e-1', type: 'rapport.customers.customer-registered.v1', time: '2026-03-02T09:00:00.000Z', subject: MIA };
    await log.record(message('rapport.customers.v1', registered));
    await log.record(message('rapport.customers.v1', registered));
    await log.record(message('rapport.customers.mirror.v1', registered));
    expect(await store.readAll({ after: 0, maxCount: 10, streamPrefixes: [PUBLISHED_STREAM_PREFIX] })).toHaveLength(2);
    expect(await log.collect({ subject: MIA })).toHaveLength(1);
  });
});
