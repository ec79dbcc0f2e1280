import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditModule, ReadLog } from '@rapport/audit-app';
import { CustomersModule } from '@rapport/customers-app';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { InProcessBus, type MessageBus } from '@rapport/platform-messaging';
import {
  AUDIT_READS_TOPIC,
  configureHttpApp,
  ConfiguredStorage,
  loadEnvironment,
  PERSONAL_DATA_READ_TYPE,
  PlatformModule,
  readsStoreOf,
  STORAGE,
  TokenService,
  type PersonalDataRead,
  type Storage,
} from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AuditProcessModule } from './audit-process.module';

/** A process's own stores under its own data folder, and the bus the processes share (as Kafka is shared). */
class ProcessStorage extends ConfiguredStorage {
  constructor(
    dataDir: string,
    private readonly shared: MessageBus,
  ) {
    super(loadEnvironment({ DATA_DIR: dataDir, RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv));
  }
  override bus(): Promise<MessageBus> {
    return Promise.resolve(this.shared);
  }
}

const SECRET = 'audit-reads-spec-0123456789abcdef0123456789';
const env = (dataDir: string) => loadEnvironment({ DATA_DIR: dataDir, RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: SECRET } as NodeJS.ProcessEnv);

async function started(imports: unknown[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: imports as never[] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'a6', description: 'test', version: 'test' });
  await app.init();
  return app;
}

/**
 * A6 in distributed-style wiring, kept fast: the customers service alone in one Nest application, the audit process in
 * another, each with its own data folder, sharing only the bus (the in-process one here; audit-reads.kafka.spec.ts
 * runs the same on a real broker). And the all-in-one wiring, where reads go straight to the one log.
 */
describe('personal reads recorded by the process that serves them (A6)', () => {
  const previous = process.env['DIRECTORY_REQUIRED'];
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-a6-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(() => {
    process.env['DIRECTORY_REQUIRED'] = 'false';
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env['DIRECTORY_REQUIRED'];
    else process.env['DIRECTORY_REQUIRED'] = previous;
  });

  describe('the customers service alone, and the audit process, on a shared bus', () => {
    const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
    let bus: InProcessBus;
    let customers: INestApplication;
    let audit: INestApplication;
    let customersStorage: ProcessStorage;
    let mia: string;
    const bearer = (app: INestApplication, id: string, role: 'rep' | 'manager' | 'auditor') => `Bearer ${app.get(TokenService).issue({ id, roles: [role] })}`;
    const reads = async (query: string): Promise<PersonalDataRead[]> =>
      (await request(audit.getHttpServer()).get(`/api/v1/audit/reads?${query}`).set('authorization', bearer(audit, 'auditor-ada', 'auditor')).expect(200)).body.items;

    beforeAll(async () => {
      const busDir = folder();
      bus = InProcessBus.open(join(busDir, 'bus.sqlite'));
      const customersDir = folder();
      customersStorage = new ProcessStorage(customersDir, bus);
      customers = await started([PlatformModule.forRoot({ environment: env(customersDir), storage: customersStorage, clock }), CustomersModule]);
      const auditDir = folder();
      audit = await started([AuditProcessModule.forRoot({ environment: env(auditDir), storage: new ProcessStorage(auditDir, bus), clock }, { historySource: 'topics' })]);
      const rep = bearer(customers, 'rep-ana', 'rep');
      mia = (await request(customers.getHttpServer()).post('/api/v1/customers').set('authorization', rep).send({ name: 'Mia Wong', phone: '+1 415 555 0100' }).expect(201)).body.customerId;
      clock.set(new Date('2026-03-03T10:00:00.000Z'));
      await request(customers.getHttpServer()).get(`/api/v1/customers/${mia}`).set('authorization', rep).set('x-correlation-id', 'corr-card-1').expect(200);
      await request(customers.getHttpServer()).get('/api/v1/customers?q=wong').set('authorization', bearer(customers, 'manager-max', 'manager')).expect(200);
    });
    afterAll(async () => {
      await customers?.close();
      await audit?.close();
      await bus?.close();
    });

    it('A6, A5: the customers process records a card read in its own append-only log, with the path and the query parameters asked (not their values)', async () => {
      const own = await (await customersStorage.eventStore(readsStoreOf('customers'))).readAll({ after: 0, maxCount: 100 });
      const card = own.map((e) => e.data as PersonalDataRead).find((r) => r.readerId === 'rep-ana');
      expect(card).toEqual({
        service: 'customers',
        readerId: 'rep-ana',
        readerRoles: ['rep'],
        at: '2026-03-03T10:00:00.000Z',
        method: 'GET',
        route: '/api/v1/customers/:customerId',
        path: `/api/v1/customers/${mia}`,
        query: {},
        customerIds: [mia],
        status: 200,
        correlationId: 'corr-card-1',
      });
      expect(own.map((e) => e.data as PersonalDataRead).find((r) => r.readerId === 'manager-max')).toMatchObject({ query: { q: '…' }, customerIds: [mia] });
    });

    it('A6: and publishes it on rapport.audit-reads.v1 as a CloudEvent with ids only — no name, no search term', async () => {
      await until(async () => (await bus.read(AUDIT_READS_TOPIC)).length >= 2, 10_000, 'both reads published');
      const published = await bus.read(AUDIT_READS_TOPIC);
      const card = published.find((m) => m.event.actorid === 'rep-ana')!;
      expect(card).toMatchObject({ key: 'rep-ana', event: { type: PERSONAL_DATA_READ_TYPE, source: '/rapport/customers', subject: 'rep-ana', correlationid: 'corr-card-1', time: '2026-03-03T10:00:00.000Z' } });
      expect(card.event.data).toEqual({ service: 'customers', readerId: 'rep-ana', readerRoles: ['rep'], customerIds: [mia], method: 'GET', route: '/api/v1/customers/:customerId', status: 200, at: '2026-03-03T10:00:00.000Z', correlationId: 'corr-card-1' });
      const all = JSON.stringify(published);
      expect(all).not.toMatch(/wong|Mia|415/i);
    });

    it('A6: the audit process consumes it and answers GET /api/v1/audit/reads by reader and customer for reads it did not serve', async () => {
      await until(async () => (await reads(`reader=rep-ana&customerId=${mia}`)).length > 0, 10_000, 'the audit to take in the card read');
      expect(await reads(`reader=rep-ana&customerId=${mia}`)).toEqual([
        { service: 'customers', readerId: 'rep-ana', readerRoles: ['rep'], at: '2026-03-03T10:00:00.000Z', method: 'GET', route: '/api/v1/customers/:customerId', path: null, query: null, customerIds: [mia], status: 200, correlationId: 'corr-card-1' },
      ]);
      await until(async () => (await reads('reader=manager-max')).length > 0, 10_000, 'the search read');
      expect(await reads(`customerId=${mia}`)).toHaveLength(2);
      // The auditor's own queries are reads the audit process served itself: in its log, not on the topic.
      expect((await reads('reader=auditor-ada')).map((r) => `${r.service} ${r.route}`)).toContain('audit /api/v1/audit/reads');
      expect((await bus.read(AUDIT_READS_TOPIC)).some((m) => m.event.actorid === 'auditor-ada')).toBe(false);
    });

    it('A6: a redelivered read (same CloudEvent id) is one entry in the audit log', async () => {
      await until(async () => (await reads(`reader=rep-ana&customerId=${mia}`)).length > 0, 10_000, 'the card read');
      const [card] = (await bus.read(AUDIT_READS_TOPIC)).filter((m) => m.event.actorid === 'rep-ana');
      await bus.publish([{ topic: card!.topic, key: card!.key, event: card!.event }]);
      await until(async () => (await bus.consumerLag()).filter((l) => l.topic === AUDIT_READS_TOPIC && l.groupId === 'audit-reads').every((l) => l.lag === 0), 10_000, 'the copy consumed');
      expect(await reads(`reader=rep-ana&customerId=${mia}`)).toHaveLength(1);
    });
  });

  it('A6: in the all-in-one process a read is recorded once, in the audit log, and nothing is published or kept apart', async () => {
    const dir = folder();
    const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
    const app = await started([PlatformModule.forRoot({ environment: env(dir), clock }), CustomersModule, AuditModule.forRoot({ services: ['customers'] })]);
    try {
      const rep = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
      const mia = (await request(app.getHttpServer()).post('/api/v1/customers').set('authorization', rep).send({ name: 'Mia Wong' }).expect(201)).body.customerId;
      await request(app.getHttpServer()).get(`/api/v1/customers/${mia}`).set('authorization', rep).expect(200);
      // Recorded before the answer left: no waiting.
      expect(await app.get(ReadLog).query({ reader: 'rep-ana', customerId: mia, limit: 10 })).toEqual([expect.objectContaining({ service: 'customers', route: '/api/v1/customers/:customerId', path: `/api/v1/customers/${mia}` })]);
      const bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
      expect(await bus.read(AUDIT_READS_TOPIC)).toEqual([]);
      expect(existsSync(join(dir, `${readsStoreOf('customers')}.sqlite`))).toBe(false);
    } finally {
      await app.close();
    }
  });
});
