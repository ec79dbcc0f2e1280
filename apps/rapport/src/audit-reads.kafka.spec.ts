import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CustomersModule } from '@rapport/customers-app';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { KafkaBus } from '@rapport/platform-kafka';
import { configureHttpApp, loadEnvironment, PlatformModule, TokenService, type PersonalDataRead } from '@rapport/platform-nest';
import { kafkaBrokers, until } from '@rapport/platform-testing';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuditProcessModule } from './audit-process.module';

/**
 * A6 in distributed mode on a real Kafka broker: the customers service and the audit service as two applications
 * (as apps/customers and audit-main.ts run them), sharing nothing but the broker. A card read served by customers is
 * recorded there, published on rapport.audit-reads.v1, and answered by the audit's GET /api/v1/audit/reads.
 */
describe('personal reads from another process reach the audit (A6, distributed mode, Kafka)', () => {
  jest.setTimeout(120_000);
  const run = randomUUID().slice(0, 8);
  const reader = `rep-${run}`;
  let customers: INestApplication;
  let audit: INestApplication;
  const previous = process.env['DIRECTORY_REQUIRED'];

  const environment = (brokers: string) =>
    loadEnvironment({
      DATA_DIR: ':memory:',
      RAPPORT_MODE: 'distributed',
      RAPPORT_EVENT_STORE: 'sqlite',
      RAPPORT_READ_MODELS: 'sqlite',
      KAFKA_BROKERS: brokers,
      RAPPORT_DEV_TOKENS: 'false',
      DIRECTORY_REQUIRED: 'false',
      JWT_SECRET: `audit-reads-kafka-${run}-0123456789abcdef0123`,
      RAPPORT_MASTER_KEY: randomBytes(32).toString('base64'),
    } as NodeJS.ProcessEnv);
  const app = async (imports: unknown[]): Promise<INestApplication> => {
    const moduleRef = await Test.createTestingModule({ imports: imports as never[] }).compile();
    const made = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(made, { title: 'a6', description: 'test', version: 'test' });
    await made.init();
    return made;
  };

  beforeAll(async () => {
    process.env['DIRECTORY_REQUIRED'] = 'false';
    const brokers = await kafkaBrokers();
    // The customers service alone (apps/customers): no audit in its process.
    customers = await app([PlatformModule.forRoot({ environment: environment(brokers), clientId: `customers-${run}` }), CustomersModule]);
    // The audit process (audit-main.ts) in a consumer group of this run's own.
    audit = await app([
      AuditProcessModule.forRoot(
        { environment: environment(brokers), clientId: `audit-${run}` },
        { historyGroupId: `audit-history-${run}`, readsGroupId: `audit-reads-${run}`, topics: [`rapport.test-audit-reads-${run}.none.v1`] },
      ),
    ]);
    // Both processes ready (their bus parts joined: the customers relays, the audit's consumer groups), as an operator waits.
    for (const started of [customers, audit]) await until(async () => (await request(started.getHttpServer()).get('/ready')).status === 200, 90_000, 'the process to be ready');
  });
  afterAll(async () => {
    await customers?.close();
    await audit?.close();
    if (previous === undefined) delete process.env['DIRECTORY_REQUIRED'];
    else process.env['DIRECTORY_REQUIRED'] = previous;
  });

  it('A6: a card read served by the customers process is answered by the audit process, by reader and customer', async () => {
    const rep = `Bearer ${customers.get(TokenService).issue({ id: reader, roles: ['rep'] })}`;
    // D1 on a broker shared with other suites: their people make the customers' directory copy non-empty, so this
    // run's rep must be a person of the directory too; registrations are refused (422) until the copy has read it.
    const directory = new KafkaBus({ brokers: [await kafkaBrokers()], clientId: `a6-directory-${run}` });
    try {
      await directory.ensureTopics([{ name: DIRECTORY_TOPIC }]);
      const changedAt = new Date().toISOString();
      const person: PersonV1 = { personId: reader, displayName: reader, roles: ['rep'], teamId: null, managerId: null, active: true, changedAt };
      await directory.publish([
        {
          topic: DIRECTORY_TOPIC,
          key: reader,
          event: { specversion: '1.0', id: randomUUID(), source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: reader, time: changedAt, datacontenttype: 'application/json', data: person },
        },
      ]);
    } finally {
      await directory.close();
    }
    let mia = '';
    await until(async () => {
      const registered = await request(customers.getHttpServer()).post('/api/v1/customers').set('authorization', rep).send({ name: 'Mia Wong' });
      mia = registered.status === 201 ? (registered.body.customerId as string) : '';
      return mia !== '';
    }, 60_000, 'customers to register (its directory copy has read the rep)');
    await request(customers.getHttpServer()).get(`/api/v1/customers/${mia}`).set('authorization', rep).set('x-correlation-id', `corr-${run}`).expect(200);

    const auditor = `Bearer ${audit.get(TokenService).issue({ id: `auditor-${run}`, roles: ['auditor'] })}`;
    const reads = async (): Promise<PersonalDataRead[]> =>
      (await request(audit.getHttpServer()).get(`/api/v1/audit/reads?reader=${reader}&customerId=${mia}`).set('authorization', auditor).expect(200)).body.items;
    await until(async () => (await reads()).length > 0, 90_000, 'the audit to consume the read from Kafka');
    expect(await reads()).toEqual([
      {
        service: 'customers',
        readerId: reader,
        readerRoles: ['rep'],
        at: expect.any(String),
        method: 'GET',
        route: '/api/v1/customers/:customerId',
        path: null,
        query: null,
        customerIds: [mia],
        status: 200,
        correlationId: `corr-${run}`,
      },
    ]);
  });

  it('A6: on the broker the read is a CloudEvent keyed by reader, with ids only', async () => {
    const brokers = await kafkaBrokers();
    const bus = new KafkaBus({ brokers: [brokers], clientId: `a6-spec-${run}` });
    const seen: { key: string; data: unknown; type: string }[] = [];
    const consumer = await bus.subscribe({
      groupId: `a6-spec-${run}`,
      topics: ['rapport.audit-reads.v1'],
      handle: async (m) => {
        if (m.key === reader) seen.push({ key: m.key, data: m.event.data, type: m.event.type });
      },
    });
    try {
      await until(() => seen.length > 0, 60_000, 'the read on rapport.audit-reads.v1');
      expect(seen[0]).toMatchObject({ type: 'rapport.audit.personal-data-read.v1', data: { readerId: reader, route: '/api/v1/customers/:customerId' } });
      expect(JSON.stringify(seen)).not.toContain('Mia');
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });
});
