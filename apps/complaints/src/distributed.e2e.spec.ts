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
import { COMPLAINTS_TOPIC, ComplaintEventTypes, slaTimerId } from '@rapport/complaints-contracts';
import { ComplaintsModule, DirectoryCopy } from '@rapport/complaints-app';
import { FIRING_OPTIONS, FiringLoop, SCHEDULER_HOST, SchedulerModule, TIMER_INDEX, type TimerDoc } from '@rapport/scheduler-app';

const START = new Date('2026-03-02T08:00:00.000Z');
const HOUR = 3_600_000;

/**
 * K3 end to end in distributed mode, in simulated time: the complaints and scheduler modules on PostgreSQL,
 * FerretDB and Kafka, with a manual clock. A complaint received over HTTP asks for its SLA timers over Kafka;
 * the clock passes the acknowledge deadline; the scheduler fires and delivers over Kafka; the breach and its
 * escalation to the manager arrive on `rapport.complaints.v1` for a consumer of the broker.
 * (Once-only across a restart is shown in embedded mode: sla-escalation.e2e.spec.ts.)
 */
describe('complaint received → SLA timer → breach → escalation on the topic (K3), distributed (PostgreSQL, FerretDB, Kafka)', () => {
  const namespace = `cmp_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
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
      KAFKA_CLIENT_ID: `complaints-${namespace}`,
      JWT_SECRET: 'complaints-distributed-e2e-secret-32-chars',
      RAPPORT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      RAPPORT_DEV_TOKENS: 'false',
    } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), ComplaintsModule, SchedulerModule] })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 })
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport complaints distributed e2e', description: 'test', version: 'test' });
    await app.init();
    consumerBus = new KafkaBus({ brokers: brokers.split(','), clientId: `e2e-consumer-${namespace}` });
    await consumerBus.ensureTopics([{ name: COMPLAINTS_TOPIC }]);
    await consumerBus.subscribe({ groupId: `e2e-${namespace}`, topics: [COMPLAINTS_TOPIC], handle: async (m) => void received.push(m) });
  }, 180_000);

  afterAll(async () => {
    await consumerBus?.close();
    await app?.close();
  }, 60_000);

  it('K3: the acknowledge deadline passes unmet; the escalation to the manager is on Kafka', async () => {
    const bus = await app!.get<Storage>(STORAGE).bus();
    const people: PersonV1[] = [
      { personId: 'rep-ana', displayName: 'Ana', roles: ['rep'], teamId: null, managerId: 'manager-max', active: true, changedAt: START.toISOString() },
      { personId: 'manager-max', displayName: 'Max', roles: ['manager'], teamId: null, managerId: null, active: true, changedAt: START.toISOString() },
    ];
    await bus.ensureTopics([{ name: DIRECTORY_TOPIC }]);
    await bus.publish(
      people.map((p) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: randomUUID(), source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: START.toISOString(), datacontenttype: 'application/json', data: p },
      })),
    );
    await until(async () => (await app!.get(DirectoryCopy).standing('rep-ana')).known, 90_000, 'the directory copy');

    const ana = `Bearer ${app!.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    const response = await request(app!.getHttpServer())
      .post('/api/v1/complaints')
      .set('authorization', ana)
      .send({ customerId: `cust-${namespace}`, channel: 'phone', category: 'service', severity: 'critical', description: 'nobody called back' })
      .expect(201);
    const complaintId: string = response.body.complaintId;

    const scheduler = app!.get<ServiceHost>(SCHEDULER_HOST);
    // This complaint's two SLA timers: on a broker shared with other suites, the timer topic carries theirs too.
    const timer = (clock: 'acknowledge' | 'resolve') => scheduler.readModels.get<TimerDoc>(TIMER_INDEX, slaTimerId(complaintId, clock));
    await until(async () => (await timer('acknowledge')) !== undefined && (await timer('resolve')) !== undefined, 90_000, 'the SLA timers in the scheduler');
    clock.set(new Date(START.getTime() + HOUR));
    expect((await app!.get(FiringLoop).fireDue()).fired).toBeGreaterThanOrEqual(1);
    await until(async () => (await timer('acknowledge'))?.status === 'fired', 90_000, 'the acknowledge timer fired');
    expect((await timer('resolve'))?.status).toBe('pending');

    const mine = (): IncomingMessage[] => received.filter((m) => m.event.subject === complaintId);
    await until(() => mine().some((m) => m.event.type === ComplaintEventTypes.escalated), 90_000, 'the escalation on Kafka');
    expect(mine().map((m) => m.event.type)).toEqual([ComplaintEventTypes.received, ComplaintEventTypes.slaBreached, ComplaintEventTypes.escalated]);
    expect(mine()[2]!.event.data).toMatchObject({ complaintId, clock: 'acknowledge', ownerId: 'rep-ana', managerId: 'manager-max' });
  }, 240_000);
});
