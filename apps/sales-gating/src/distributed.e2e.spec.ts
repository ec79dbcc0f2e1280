import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { COMPLAINTS_SOURCE, COMPLAINTS_TOPIC, ComplaintEventTypes, type ComplaintPayloadsV1 } from '@rapport/complaints-contracts';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerPayloadsV1 } from '@rapport/customers-contracts';
import { FEEDBACK_SOURCE, FEEDBACK_TOPIC, FeedbackEventTypes, type FeedbackPayloadsV1 } from '@rapport/feedback-contracts';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { KafkaBus } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, TokenService } from '@rapport/platform-nest';
import { kafkaBrokers, mongoUrl, postgresUrl, until } from '@rapport/platform-testing';
import { SalesGatingModule } from '@rapport/sales-gating-app';
import { SALES_GATING_TOPIC, SalesGatingEventTypes, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import request from 'supertest';

const START = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;
const iso = (days: number): string => new Date(START.getTime() + days * DAY).toISOString();

/**
 * G1, G2, G4, G7 end to end in distributed mode: the sales-gating module on PostgreSQL, FerretDB and Kafka. The
 * customers, feedback and complaints services are played by a producer on the broker publishing their contracts;
 * a dialer consumes `rapport.sales-gating.v1` from the broker and sees each change of the gate.
 */
describe('register → purchase → complaint → detractor → HOLD → confirmed + NPS 9 → TARGET, distributed (PostgreSQL, FerretDB, Kafka)', () => {
  const namespace = `gate_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const customerId = `cust-${namespace}`;
  const clock = new ManualClock(START);
  let app: INestApplication | undefined;
  let services: KafkaBus | undefined;
  const dialer: IncomingMessage[] = [];

  beforeAll(async () => {
    const [pg, mongo, brokers] = await Promise.all([postgresUrl(), mongoUrl(), kafkaBrokers()]);
    const environment = loadEnvironment({
      RAPPORT_MODE: 'distributed',
      RAPPORT_NAMESPACE: namespace,
      POSTGRES_URL: pg,
      MONGODB_URL: mongo,
      KAFKA_BROKERS: brokers,
      KAFKA_CLIENT_ID: `sales-gating-${namespace}`,
      JWT_SECRET: 'sales-gating-distributed-e2e-secret-32-chars',
      RAPPORT_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      RAPPORT_DEV_TOKENS: 'false',
    } as NodeJS.ProcessEnv);
    // The topics exist before the service starts: the producer and the service creating them at once race in the broker.
    services = new KafkaBus({ brokers: brokers.split(','), clientId: `e2e-services-${namespace}` });
    await services.ensureTopics([{ name: CUSTOMERS_TOPIC }, { name: FEEDBACK_TOPIC }, { name: COMPLAINTS_TOPIC }, { name: SALES_GATING_TOPIC }]);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), SalesGatingModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport sales gating distributed e2e', description: 'test', version: 'test' });
    await app.init();
    await services.subscribe({ groupId: `e2e-dialer-${namespace}`, topics: [SALES_GATING_TOPIC], handle: async (m) => void dialer.push(m) });
  }, 180_000);

  afterAll(async () => {
    await services?.close();
    await app?.close();
  }, 60_000);

  const publish = async (topic: string, source: string, type: string, subject: string, data: unknown): Promise<string> => {
    const id = randomUUID();
    await services!.publish([{ topic, key: subject, event: { specversion: '1.0', id, source, type, subject, time: clock.now().toISOString(), datacontenttype: 'application/json', data } }]);
    return id;
  };
  const customers = <T extends keyof CustomerPayloadsV1>(type: T, data: CustomerPayloadsV1[T]) => publish(CUSTOMERS_TOPIC, CUSTOMERS_SOURCE, type, customerId, data);
  const feedback = <T extends keyof FeedbackPayloadsV1>(type: T, data: FeedbackPayloadsV1[T]) => publish(FEEDBACK_TOPIC, FEEDBACK_SOURCE, type, customerId, data);
  const complaints = <T extends keyof ComplaintPayloadsV1>(type: T, data: ComplaintPayloadsV1[T]) => publish(COMPLAINTS_TOPIC, COMPLAINTS_SOURCE, type, 'k-1', data);
  const changes = (): GateChangedV1[] => dialer.filter((m) => m.event.subject === customerId && m.event.type === SalesGatingEventTypes.gateChanged).map((m) => m.event.data as GateChangedV1);
  const answered = (surveyId: string, score: number, day: number): FeedbackPayloadsV1[typeof FeedbackEventTypes.surveyAnswered] => ({
    surveyId, customerId, score, category: score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter', categories: [], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: iso(day),
  });

  it('G2, G1, G4, G7: the gate holds with both reasons, lifts only on the clear turnaround, and the dialer sees each change', async () => {
    const ana = `Bearer ${app!.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    await customers(CustomerEventTypes.registered, { customerId, ownerId: 'rep-ana', displayName: 'customer', registeredAt: iso(0) });
    await customers(CustomerEventTypes.purchaseRecorded, { customerId, purchaseId: 'p-1', amount: 500, currency: 'EUR', category: 'seats', occurredAt: iso(0), points: 500 });
    // Each topic has its own consumer, and on a broker shared with other suites the customers topic has the longest
    // backlog: the complaint could be read before the registration. The first gate comes first.
    await until(() => changes().length === 1, 90_000, 'OPEN on the registration');
    const complaint = await complaints(ComplaintEventTypes.received, {
      complaintId: 'k-1', reference: 'K-1', customerId, channel: 'phone', category: 'delivery', severity: 'high', source: 'rep', ownerId: 'rep-ana', deadlines: { acknowledgeBy: null, resolveBy: null }, slaPolicyVersion: 's', receivedAt: iso(1),
    });
    await until(() => changes().length === 2, 90_000, 'OPEN, then HOLD on the complaint');
    const detractor = await feedback(FeedbackEventTypes.surveyAnswered, answered('s-1', 3, 14));
    await until(() => changes().length === 3, 90_000, 'HOLD with the detractor too');
    expect(changes()[2]!).toMatchObject({ status: 'HOLD', reasons: [{ rule: 'G2', eventIds: [complaint] }, { rule: 'G1', eventIds: [detractor] }] });
    // The check reads the gates read model, which may trail the relay that put the change on the topic.
    const check = async () => (await request(app!.getHttpServer()).post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId }).expect(200)).body;
    await until(async () => (await check()).status === 'HOLD', 30_000, 'the check to see HOLD');
    expect(await check()).toMatchObject({ allowed: false, status: 'HOLD' });

    const confirmed = await complaints(ComplaintEventTypes.confirmed, { complaintId: 'k-1', customerId, ownerId: 'rep-ana', satisfaction: 4, resolvedAt: iso(20) });
    await until(() => changes().length === 4, 90_000, 'still HOLD, awaiting a later NPS');
    const promoter = await feedback(FeedbackEventTypes.surveyAnswered, answered('s-2', 9, 110));
    await until(() => changes().length === 5, 90_000, 'TARGET');
    expect(changes().map((c) => c.status)).toEqual(['OPEN', 'HOLD', 'HOLD', 'HOLD', 'TARGET']);
    expect(changes()[4]!).toMatchObject({ previous: 'HOLD', causeEventId: promoter, reasons: [{ rule: 'G4', code: 'turnaround', eventIds: [confirmed, promoter] }, { rule: 'G3', code: 'high-nps-low-share' }] });
    await until(async () => (await request(app!.getHttpServer()).post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId })).body.allowed === true, 30_000, 'the check allows');
  }, 300_000);
});
