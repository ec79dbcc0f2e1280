import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ComplaintsModule, DirectoryCopy as ComplaintsDirectoryCopy } from '@rapport/complaints-app';
import { COMPLAINTS_TOPIC } from '@rapport/complaints-contracts';
import { CustomersModule, DirectoryCopy as CustomersDirectoryCopy } from '@rapport/customers-app';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { FeedbackModule } from '@rapport/feedback-app';
import { FEEDBACK_TOPIC } from '@rapport/feedback-contracts';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { KafkaBus } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { kafkaBrokers, mongoUrl, postgresUrl, until } from '@rapport/platform-testing';
import { SalesGatingModule } from '@rapport/sales-gating-app';
import { SALES_GATING_TOPIC } from '@rapport/sales-gating-contracts';
import { FIRING_OPTIONS, SchedulerModule } from '@rapport/scheduler-app';
import { SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';
import { wholeSystemJourney } from './testing/whole-system-journey';

const START = new Date('2026-03-02T09:00:00.000Z');
const person = (personId: string, roles: PersonV1['roles'], managerId: string | null): PersonV1 => ({
  personId, displayName: personId, roles, teamId: 'east', managerId, active: true, changedAt: START.toISOString(),
});

/**
 * The same journey as whole-system.e2e.spec.ts in distributed mode: the five services' modules on PostgreSQL,
 * FerretDB and Kafka, meeting only on the broker; a dialer (a consumer group of its own) reads the topics from Kafka.
 */
describe('register → purchase → complaint → detractor → HOLD → confirmed + NPS 9 → TARGET, the whole system on PostgreSQL, FerretDB and Kafka', () => {
  const namespace = `sys_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const clock = new ManualClock(START);
  let app: INestApplication | undefined;
  let dialer: KafkaBus | undefined;
  const seen: IncomingMessage[] = [];
  let ana = '';

  beforeAll(async () => {
    const [pg, mongo, brokers] = await Promise.all([postgresUrl(), mongoUrl(), kafkaBrokers()]);
    // The topics exist before the services start: many creators at once race in the broker.
    dialer = new KafkaBus({ brokers: brokers.split(','), clientId: `e2e-dialer-${namespace}` });
    await dialer.ensureTopics([DIRECTORY_TOPIC, CUSTOMERS_TOPIC, SCHEDULER_TOPIC, FEEDBACK_TOPIC, COMPLAINTS_TOPIC, SALES_GATING_TOPIC].map((name) => ({ name })));
    const environment = loadEnvironment({
      RAPPORT_MODE: 'distributed',
      RAPPORT_NAMESPACE: namespace,
      POSTGRES_URL: pg,
      MONGODB_URL: mongo,
      KAFKA_BROKERS: brokers,
      KAFKA_CLIENT_ID: `system-${namespace}`,
      JWT_SECRET: 'whole-system-distributed-e2e-secret-32-chars',
      RAPPORT_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
      RAPPORT_DEV_TOKENS: 'false',
    } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ environment, clock }), CustomersModule, SchedulerModule, FeedbackModule, ComplaintsModule, SalesGatingModule],
    })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 })
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport whole-system distributed e2e', description: 'test', version: 'test' });
    await app.init();
    await dialer.subscribe({ groupId: `e2e-dialer-${namespace}`, topics: [FEEDBACK_TOPIC, COMPLAINTS_TOPIC, SALES_GATING_TOPIC], handle: async (m) => void seen.push(m) });
    const bus = await app.get<Storage>(STORAGE).bus();
    await bus.publish(
      [person('rep-ana', ['rep'], 'manager-max'), person('manager-max', ['manager'], null)].map((p) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: randomUUID(), source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: START.toISOString(), datacontenttype: 'application/json', data: p },
      })),
    );
    await until(async () => (await app!.get(CustomersDirectoryCopy).standing('rep-ana')) === 'active', 90_000, "customers' directory copy");
    await until(async () => (await app!.get(ComplaintsDirectoryCopy).standing('rep-ana')).known, 90_000, "complaints' directory copy");
    ana = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
  }, 240_000);

  afterAll(async () => {
    await dialer?.close();
    await app?.close();
  }, 60_000);

  it('G2, G1, G4, G7: HOLD with both reasons, TARGET only after the confirmation and a later NPS 9, each change on Kafka', async () => {
    await wholeSystemJourney(app!, clock, async (topic) => seen.filter((m) => m.topic === topic), ana);
  }, 300_000);
});
