import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type ServiceHost, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { CustomersModule, DirectoryCopy } from '@rapport/customers-app';
import { FIRING_OPTIONS, FiringLoop, SCHEDULER_HOST, SchedulerModule, TIMER_INDEX, type TimerDoc } from '@rapport/scheduler-app';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type LoopOpenedV1, type SentimentMovedV1, type SurveySentV1 } from '@rapport/feedback-contracts';
import { FEEDBACK_HOST, FEEDBACK_PEOPLE, FeedbackModule, surveyTimerId } from '@rapport/feedback-app';

const START = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;
const person = (personId: string, roles: PersonV1['roles'], managerId: string | null): PersonV1 => ({
  personId,
  displayName: personId,
  roles,
  teamId: 'east',
  managerId,
  active: true,
  changedAt: START.toISOString(),
});

/**
 * F4, F1, F3, F7 end to end in embedded mode, in simulated time, with the real customers, scheduler and feedback
 * modules in one process meeting only on the bus: a purchase recorded on customers → feedback asks the scheduler
 * for a timer 14 days out → the clock passes it, the scheduler fires → the survey is sent with its answer link →
 * the customer answers 3 with the token only → `sentiment-moved` to detractor and `loop-opened` for the owner are
 * published on `rapport.feedback.v1`.
 */
describe('purchase on customers → survey 14 days later → answered 3 → detractor and follow-up for the owner (embedded)', () => {
  const clock = new ManualClock(START);
  let app: INestApplication;
  let bus: InProcessBus;

  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'feedback-e2e-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), CustomersModule, SchedulerModule, FeedbackModule] })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 }) // the test fires by hand, when the clock says
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport feedback e2e', description: 'test', version: 'test' });
    await app.init();
    bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
    await bus.publish(
      [person('rep-ana', ['rep'], 'manager-max'), person('manager-max', ['manager'], null)].map((p, i) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: `e2e-directory-${i}`, source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: START.toISOString(), datacontenttype: 'application/json', data: p },
      })),
    );
    await until(async () => (await app.get(DirectoryCopy).standing('rep-ana')) === 'active', 10_000, "customers' directory copy");
    await until(async () => (await app.get<ServiceHost>(FEEDBACK_HOST).readModels.get(FEEDBACK_PEOPLE, 'rep-ana')) !== undefined, 10_000, "feedback's directory copy");
  }, 60_000);
  afterAll(async () => app?.close());

  const feedback = async (): Promise<IncomingMessage[]> => {
    await until(async () => (await app.get(ReadinessRegistry).report()).checks['feedback/relay'] === true, 30_000, 'the feedback relay');
    return bus.read(FEEDBACK_TOPIC, 0, 100_000);
  };
  const ofType = async <T>(type: string): Promise<T[]> => (await feedback()).filter((m) => m.event.type === type).map((m) => m.event.data as T);

  it('F4, F1, F3, F7: the survey goes out 14 days after the purchase; a 3 makes a detractor and opens a follow-up for the owner', async () => {
    const ana = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    const registered = await request(app.getHttpServer()).post('/api/v1/customers').set('authorization', ana).send({ name: 'Mia Wong', email: 'mia@example.com' }).expect(201);
    const customerId: string = registered.body.customerId;
    await request(app.getHttpServer()).post(`/api/v1/customers/${customerId}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-1', amount: 1249.5, category: 'laptops' }).expect(200);

    // Feedback heard the purchase and asked the scheduler for the survey timer, 14 days out.
    const scheduler = app.get<ServiceHost>(SCHEDULER_HOST);
    const timerId = surveyTimerId(customerId, 'INV-1');
    await until(async () => (await scheduler.readModels.get<TimerDoc>(TIMER_INDEX, timerId))?.status === 'pending', 30_000, 'the survey timer in the scheduler');
    expect((await scheduler.readModels.get<TimerDoc>(TIMER_INDEX, timerId))?.dueAt).toBe(new Date(START.getTime() + 14 * DAY).toISOString());

    clock.set(new Date(START.getTime() + 13 * DAY));
    await app.get(FiringLoop).fireDue();
    expect(await ofType(FeedbackEventTypes.surveySent)).toEqual([]);

    clock.set(new Date(START.getTime() + 14 * DAY));
    await app.get(FiringLoop).fireDue();
    await until(async () => (await ofType(FeedbackEventTypes.surveySent)).length === 1, 30_000, 'the survey sent');
    const sent = (await ofType<SurveySentV1>(FeedbackEventTypes.surveySent))[0]!;
    expect(sent).toMatchObject({ customerId, sentAt: new Date(START.getTime() + 14 * DAY).toISOString() });

    // The customer answers with the link's token only: no bearer.
    await request(app.getHttpServer()).post(sent.answerPath).send({ token: sent.answerToken, score: 3, categories: ['service'] }).expect(200);

    await until(async () => (await ofType(FeedbackEventTypes.loopOpened)).length === 1, 30_000, 'the follow-up on the topic');
    expect(await ofType<SentimentMovedV1>(FeedbackEventTypes.sentimentMoved)).toEqual([expect.objectContaining({ customerId, from: null, to: 'detractor', score: 3 })]);
    expect((await ofType<LoopOpenedV1>(FeedbackEventTypes.loopOpened))[0]).toMatchObject({
      customerId,
      ownerId: 'rep-ana',
      dueAt: new Date(START.getTime() + 16 * DAY).toISOString(),
    });
    const queue = await request(app.getHttpServer()).get('/api/v1/feedback/detractors').set('authorization', ana).expect(200);
    expect(queue.body).toEqual([expect.objectContaining({ customerId, ownerId: 'rep-ana', hoursLeft: 48 })]);
  }, 120_000);
});
