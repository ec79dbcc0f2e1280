import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AUDIT_SERVICE, PUBLISHED_STREAM_PREFIX, type PublishedEventRecord } from '@rapport/audit-app';
import { CustomerEventTypes } from '@rapport/customers-contracts';
import { verifyExport } from '@rapport/platform-audit';
import { ManualClock, sleep, uuidv7, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { KafkaBus } from '@rapport/platform-kafka';
import { integrationEventOf, type OutgoingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { kafkaBrokers, until } from '@rapport/platform-testing';
import { SalesGatingEventTypes } from '@rapport/sales-gating-contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuditProcessModule } from './audit-process.module';

/**
 * A1/A2 in distributed mode: the audit reads no service's database. Two services publish on their own topics (on a
 * real Kafka broker) as their relays do — the CloudEvent built from the stored event — and the audit module, in
 * distributed mode, assembles one customer's history from what it consumed, in the order it happened.
 */
describe('audit history from the integration topics (A1, A2, distributed mode, Kafka)', () => {
  jest.setTimeout(120_000);
  const run = randomUUID().slice(0, 8);
  const topics = { customers: `rapport.test-audit-${run}.customers.v1`, gating: `rapport.test-audit-${run}.sales-gating.v1` };
  const mia = randomUUID();
  const ole = randomUUID();
  let app: INestApplication;
  let publisher: KafkaBus;
  let auditor: string;
  const published: Record<string, RecordedEvent> = {};
  const http = () => request(app.getHttpServer());

  /** One service's own store: the events are stored, then published as the service's relay would. */
  const stored = async (store: SqliteEventStore, name: string, streamId: string, type: string, data: Record<string, unknown>, at: string, actor: { id: string; kind: 'user' | 'system' }, causedBy?: string) => {
    const eventId = uuidv7();
    await store.append(streamId, [{ eventId, type, data }], {
      expectedVersion: 'any',
      context: { recordedAt: at, actor, via: actor.kind === 'user' ? 'api' : 'topic', correlationId: `corr-${run}`, causationId: causedBy ?? `cmd-${name}`, reason: 'a private note' },
    });
    const [recorded] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    published[name] = recorded!;
    return recorded!;
  };

  beforeAll(async () => {
    const brokers = await kafkaBrokers();
    publisher = new KafkaBus({ brokers: [brokers], clientId: `audit-spec-${run}` });
    await publisher.ensureTopics([{ name: topics.customers, partitions: 2 }, { name: topics.gating, partitions: 2 }]);

    // The customers and sales-gating services' own stores (the audit never opens them).
    const customers = SqliteEventStore.open(':memory:');
    const gating = SqliteEventStore.open(':memory:');
    const ana = { id: 'rep-ana', kind: 'user' } as const;
    const system = { id: 'sales-gating', kind: 'system' } as const;
    const registered = await stored(customers, 'registered', `customer-${mia}`, 'customers.customer-registered.v1', { customerId: mia }, '2026-03-02T09:00:00.000Z', ana);
    await stored(customers, 'ole', `customer-${ole}`, 'customers.customer-registered.v1', { customerId: ole }, '2026-03-02T09:00:00.500Z', ana);
    const open = await stored(gating, 'open', `gate-${mia}`, 'sales-gating.gate-changed.v1', { customerId: mia }, '2026-03-02T09:00:01.000Z', system, registered.metadata.eventId);
    await stored(customers, 'contact', `customer-${mia}`, 'customers.contact-logged.v1', { customerId: mia }, '2026-03-04T10:00:00.000Z', ana);
    await stored(gating, 'hold', `gate-${mia}`, 'sales-gating.gate-changed.v1', { customerId: mia }, '2026-03-05T08:00:00.000Z', system, open.metadata.eventId);
    await customers.close();
    await gating.close();

    const message = (topic: string, source: string, type: string, r: RecordedEvent): OutgoingMessage => {
      const customerId = (r.data as { customerId: string }).customerId;
      return { topic, key: customerId, event: integrationEventOf(source, type, customerId, { customerId, ownerId: 'rep-ana' }, r) };
    };
    // Customers publishes first, gating later: arrival order is not the order things happened in.
    const fromCustomers = (name: string, type: string) => message(topics.customers, '/rapport/customers', type, published[name]!);
    await publisher.publish([fromCustomers('registered', CustomerEventTypes.registered), fromCustomers('ole', CustomerEventTypes.registered), fromCustomers('contact', CustomerEventTypes.contactLogged)]);
    // A relay that re-publishes after a crash sends the same CloudEvent id again.
    await publisher.publish([fromCustomers('registered', CustomerEventTypes.registered)]);
    await publisher.publish(['open', 'hold'].map((name) => message(topics.gating, '/rapport/sales-gating', SalesGatingEventTypes.gateChanged, published[name]!)));

    // The audit in distributed mode: Kafka, and its own store only (SQLite here, for its log of what it received).
    const environment = loadEnvironment({
      DATA_DIR: ':memory:',
      RAPPORT_MODE: 'distributed',
      RAPPORT_EVENT_STORE: 'sqlite',
      RAPPORT_READ_MODELS: 'sqlite',
      KAFKA_BROKERS: brokers,
      RAPPORT_DEV_TOKENS: 'false',
      DIRECTORY_REQUIRED: 'false',
      JWT_SECRET: `audit-kafka-spec-${run}-0123456789abcdef0123`,
      RAPPORT_MASTER_KEY: randomBytes(32).toString('base64'),
    } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      // The audit process of distributed mode (audit-main.ts), on this run's topics and consumer group.
      imports: [
        AuditProcessModule.forRoot(
          { environment, clock: new ManualClock(new Date('2026-03-06T09:00:00.000Z')) },
          { topics: [topics.customers, topics.gating], historyGroupId: `audit-history-${run}` },
        ),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'audit', description: 'test', version: 'test' });
    await app.init();
    auditor = `Bearer ${app.get(TokenService).issue({ id: 'auditor-ada', roles: ['auditor'] })}`;
  });
  afterAll(async () => {
    await app?.close();
    await publisher?.close();
  });

  const history = async (query = '') => (await http().get(`/api/v1/audit/customers/${mia}/history${query}`).set('authorization', auditor).expect(200)).body;

  it('A1/A2: one customer, two services\' topics, in the order it happened, each entry with who, when, through what, correlation and causation', async () => {
    await until(async () => (await history()).items.length >= 4, 60_000, 'the audit to consume both topics');
    const body = await history();
    expect(body.source).toBe('topics');
    const id = (name: string) => published[name]!.metadata.eventId;
    expect(body.items.map((e: { eventId: string }) => e.eventId)).toEqual([id('registered'), id('open'), id('contact'), id('hold')]);
    expect(body.items.map((e: { service: string; type: string }) => `${e.service} ${e.type}`)).toEqual([
      `customers ${CustomerEventTypes.registered}`,
      `sales-gating ${SalesGatingEventTypes.gateChanged}`,
      `customers ${CustomerEventTypes.contactLogged}`,
      `sales-gating ${SalesGatingEventTypes.gateChanged}`,
    ]);
    expect(body.items[1]).toMatchObject({
      at: '2026-03-02T09:00:01.000Z',
      actor: { id: 'sales-gating', kind: null },
      correlationId: `corr-${run}`,
      causationId: id('registered'),
      // A published event says neither through what it came nor why (free text never travels on a topic, A5).
      via: null,
      reason: null,
      streamId: expect.stringMatching(new RegExp(`^${topics.gating.replace(/\./g, '\\.')}/\\d+/\\d+$`)),
      data: { customerId: mia, ownerId: 'rep-ana' },
    });
    expect(body.items[0]).toMatchObject({ actor: { id: 'rep-ana' }, at: '2026-03-02T09:00:00.000Z' });
    expect(JSON.stringify(body)).not.toContain(ole);
    expect(JSON.stringify(body)).not.toContain('a private note');
  });

  it('A2: the same filters — time range, service, event type, actor', async () => {
    await until(async () => (await history()).items.length >= 4, 60_000, 'the audit to consume both topics');
    const types = async (query: string) => (await history(query)).items.map((e: { type: string; at: string }) => `${e.type}@${e.at}`);
    expect(await types('?from=2026-03-03T00:00:00Z')).toEqual([`${CustomerEventTypes.contactLogged}@2026-03-04T10:00:00.000Z`, `${SalesGatingEventTypes.gateChanged}@2026-03-05T08:00:00.000Z`]);
    expect(await types('?to=2026-03-02T23:59:59Z')).toHaveLength(2);
    expect(await types('?service=sales-gating')).toEqual([`${SalesGatingEventTypes.gateChanged}@2026-03-02T09:00:01.000Z`, `${SalesGatingEventTypes.gateChanged}@2026-03-05T08:00:00.000Z`]);
    expect(await types(`?type=${CustomerEventTypes.contactLogged}`)).toEqual([`${CustomerEventTypes.contactLogged}@2026-03-04T10:00:00.000Z`]);
    expect(await types('?type=rapport.customers.')).toHaveLength(2);
    expect(await types('?actor=rep-ana')).toHaveLength(2);
    expect(await types('?actor=rep-ana&service=sales-gating')).toEqual([]);
    // A7 over the same source: the export of her topic-fed history proves itself complete.
    const exported = await http().get(`/api/v1/audit/customers/${mia}/export?format=jsonl`).set('authorization', auditor).expect(200);
    expect(verifyExport(exported.text)).toMatchObject({ ok: true, checked: 4 });
  });

  it('A1: the audit keeps its own append-only log of what it received; a redelivered message is one receipt, one entry', async () => {
    await until(async () => (await receipts()).length >= 5, 60_000, 'every message received');
    await sleep(2_000); // the re-published copy follows the first on its partition
    expect((await receipts()).map((r) => r.event.id).sort()).toEqual(Object.values(published).map((r) => r.metadata.eventId).sort());
    expect((await history(`?type=${CustomerEventTypes.registered}`)).items).toHaveLength(1);
  });
  const receipts = async () =>
    (await (await app.get<Storage>(STORAGE).eventStore(AUDIT_SERVICE)).readAll({ after: 0, maxCount: 100, streamPrefixes: [PUBLISHED_STREAM_PREFIX] })).map((e) => e.data as PublishedEventRecord);
});
