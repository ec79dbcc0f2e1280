import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { KafkaBus } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, STORAGE, TokenService, type ServiceHost, type Storage } from '@rapport/platform-nest';
import { kafkaBrokers, mongoUrl, postgresUrl, until } from '@rapport/platform-testing';
import request from 'supertest';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { CustomersModule, DirectoryCopy } from '@rapport/customers-app';
import { FIRING_OPTIONS, FiringLoop, SCHEDULER_HOST, SchedulerModule, TIMER_INDEX, type TimerDoc } from '@rapport/scheduler-app';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type LoopOpenedV1, type SurveySentV1 } from '@rapport/feedback-contracts';
import { FEEDBACK_HOST, FEEDBACK_PEOPLE, FeedbackModule, surveyTimerId } from '@rapport/feedback-app';

const START = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;

/**
 * The same journey in distributed mode (PostgreSQL, FerretDB, Kafka), in simulated time: a purchase on customers
 * → the survey timer in the scheduler over Kafka → 14 days later the survey is sent → answered 3 with the token
 * → `sentiment-moved` to detractor and `loop-opened` for the owner arrive on Kafka for an outside consumer.
 */
describe('purchase → survey 14 days later → answered 3 → detractor and follow-up on Kafka (distributed: PostgreSQL, FerretDB, Kafka)', () => {
  const namespace = `fb_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const clock = new ManualClock(START);
  let app: INestApplication | undefined;
  let consumerBus: KafkaBus | undefined;
  const received: IncomingMessage[] = [];

  beforeAll(async () => {
    const [pg, mongo, brokers] = await Promise.all([postgresUrl(), mongoUrl(), kafkaBrokers()]);
    const environment = loadEnvironment({
      RAPPORT_MODE: 'distributed',
      RAPPORT_NAMESPACE: namespace,
      POSTGRES_URL: pg,
      MONGODB_URL: mongo,
      KAFKA_BROKERS: brokers,
      KAFKA_CLIENT_ID: `feedback-${namespace}`,
      JWT_SECRET: 'feedback-distributed-e2e-secret-32-chars',
      RAPPORT_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      RAPPORT_DEV_TOKENS: 'false',
    } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), CustomersModule, SchedulerModule, FeedbackModule] })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 })
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport feedback distributed e2e', description: 'test', version: 'test' });
    await app.init();
    consumerBus = new KafkaBus({ brokers: brokers.split(','), clientId: `e2e-consumer-${namespace}` });
    await consumerBus.ensureTopics([{ name: FEEDBACK_TOPIC }]);
    await consumerBus.subscribe({ groupId: `e2e-${namespace}`, topics: [FEEDBACK_TOPIC], handle: async (m) => void received.push(m) });
  }, 180_000);

  afterAll(async () => {
    await consumerBus?.close();
    await app?.close();
  }, 60_000);

  it('F4, F1, F3, F7: the survey goes out 14 days after the purchase; a 3 is a detractor with a follow-up for the owner, on Kafka', async () => {
    const bus = await app!.get<Storage>(STORAGE).bus();
    const people: PersonV1[] = [
      { personId: 'rep-ana', displayName: 'Ana', roles: ['rep'], teamId: 'east', managerId: 'manager-max', active: true, changedAt: START.toISOString() },
      { personId: 'manager-max', displayName: 'Max', roles: ['manager'], teamId: 'east', managerId: null, active: true, changedAt: START.toISOString() },
    ];
    await bus.ensureTopics([{ name: DIRECTORY_TOPIC }]);
    await bus.publish(
      people.map((p) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: randomUUID(), source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: START.toISOString(), datacontenttype: 'application/json', data: p },
      })),
    );
    await until(async () => (await app!.get(DirectoryCopy).standing('rep-ana')) === 'active', 90_000, "customers' directory copy");
    await until(async () => (await app!.get<ServiceHost>(FEEDBACK_HOST).readModels.get(FEEDBACK_PEOPLE, 'rep-ana')) !== undefined, 90_000, "feedback's directory copy");

    const ana = `Bearer ${app!.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    const registered = await request(app!.getHttpServer()).post('/api/v1/customers').set('authorization', ana).send({ name: 'Mia Wong', email: `mia-${namespace}@example.com` }).expect(201);
    const customerId: string = registered.body.customerId;
    await request(app!.getHttpServer()).post(`/api/v1/customers/${customerId}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-1', amount: 1249.5, category: 'laptops' }).expect(200);

    const scheduler = app!.get<ServiceHost>(SCHEDULER_HOST);
    const timerId = surveyTimerId(customerId, 'INV-1');
    await until(async () => (await scheduler.readModels.get<TimerDoc>(TIMER_INDEX, timerId))?.status === 'pending', 90_000, 'the survey timer in the scheduler');

    clock.set(new Date(START.getTime() + 14 * DAY));
    await app!.get(FiringLoop).fireDue();
    const mine = (type: string): IncomingMessage[] => received.filter((m) => m.event.subject === customerId && m.event.type === type);
    await until(() => mine(FeedbackEventTypes.surveySent).length === 1, 90_000, 'the survey sent, on Kafka');
    const sent = mine(FeedbackEventTypes.surveySent)[0]!.event.data as SurveySentV1;

    await request(app!.getHttpServer()).post(sent.answerPath).send({ token: sent.answerToken, score: 3 }).expect(200);
    await until(() => mine(FeedbackEventTypes.loopOpened).length === 1, 90_000, 'the follow-up, on Kafka');
    expect(mine(FeedbackEventTypes.sentimentMoved)[0]!.event.data).toMatchObject({ customerId, to: 'detractor', score: 3 });
    expect(mine(FeedbackEventTypes.loopOpened)[0]!.event.data as LoopOpenedV1).toMatchObject({ customerId, ownerId: 'rep-ana', dueAt: new Date(START.getTime() + 16 * DAY).toISOString() });
  }, 300_000);
});
