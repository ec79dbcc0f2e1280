import { randomUUID } from 'node:crypto';
import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type SurveySentV1 } from '@rapport/feedback-contracts';
import { KafkaBus } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { TokenService } from '@rapport/platform-nest';
import { buildWorkspace, kafkaBrokers, mongoUrl, postgresUrl, until } from '@rapport/platform-testing';
import { SALES_GATING_TOPIC, SalesGatingEventTypes, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import { SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { ROOT, startService, type Engines, type ServiceName, type ServiceProcess } from './testing/service-processes';

const DAY = 86_400_000;
const SECRET = 'whole-system-distributed-e2e-secret-32-chars';
const SERVICES: readonly ServiceName[] = ['customers', 'scheduler', 'feedback', 'complaints', 'sales-gating'];

/**
 * Issue 12's whole system, distributed: customers, scheduler, feedback, complaints and sales gating each in its own
 * process (the build in dist/), on PostgreSQL, FerretDB and Kafka, meeting only on the broker. A dialer consumes
 * `rapport.sales-gating.v1` from the broker. The directory's people are published on its topic by the test (the
 * directory service itself is not part of the scenario).
 *
 * Time: separate processes cannot share a manual clock. So (1) the first survey is asked for by hand (F4's "14 days
 * after a purchase" is shown in simulated time by the embedded spec), and (2) for the later NPS the feedback process is
 * restarted on its same stores with its clock 100 days on (testing/shifted-clock.js): the 90 days of F4 have passed for
 * feedback, and its survey is sent, answered and published by the real service. Its topics stamp messages with the
 * broker's time (`LogAppendTime`), since Kafka 4 refuses producer timestamps from the future.
 */
describe('the whole system, distributed (five processes; PostgreSQL, FerretDB, Kafka): register → purchase → complaint → detractor → HOLD → confirmed + NPS 9 → TARGET', () => {
  const namespace = `ws_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const processes = new Map<ServiceName, ServiceProcess>();
  let engines: Engines;
  let broker: KafkaBus | undefined;
  const seen: IncomingMessage[] = [];
  const tokens = new TokenService(SECRET);
  // Long-lived, so the restarted feedback process, 100 days on, still accepts it.
  const ana = `Bearer ${tokens.issue({ id: 'rep-ana', roles: ['rep'] }, '365d')}`;
  const url = (service: ServiceName): string => processes.get(service)!.url;

  beforeAll(async () => {
    buildWorkspace(ROOT); // the processes run the build output: make sure it is current
    const [pg, mongo, brokers] = await Promise.all([postgresUrl(), mongoUrl(), kafkaBrokers()]);
    engines = { postgresUrl: pg, mongoUrl: mongo, kafkaBrokers: brokers };
    // The topics the time-shifted feedback process writes to take the broker's time (see above); created before any
    // service, which then finds them (the services create the rest).
    const kafka = new Kafka({ clientId: `e2e-admin-${namespace}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const brokerTime = [{ name: 'message.timestamp.type', value: 'LogAppendTime' }];
    const shifted = [FEEDBACK_TOPIC, `${FEEDBACK_TOPIC}.dlq`, SCHEDULER_TOPIC, `${SCHEDULER_TOPIC}.dlq`];
    const topics = shifted.filter((t) => !existing.has(t));
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1, configEntries: brokerTime })) });
    // On a broker shared with other suites the topics may exist already (made by a service, with producer time).
    const made = shifted.filter((t) => existing.has(t));
    if (made.length > 0) await admin.alterConfigs({ validateOnly: false, resources: made.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configEntries: brokerTime })) });
    await admin.disconnect();

    broker = new KafkaBus({ brokers: brokers.split(','), clientId: `e2e-${namespace}` });
    await broker.ensureTopics([{ name: DIRECTORY_TOPIC }, { name: CUSTOMERS_TOPIC }, { name: COMPLAINTS_TOPIC }, { name: SALES_GATING_TOPIC }]);
    const changedAt = new Date().toISOString();
    const people: PersonV1[] = [
      { personId: 'rep-ana', displayName: 'Ana', roles: ['rep'], teamId: 'east', managerId: 'manager-max', active: true, changedAt },
      { personId: 'manager-max', displayName: 'Max', roles: ['manager'], teamId: 'east', managerId: null, active: true, changedAt },
    ];
    await broker.publish(
      people.map((p) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: randomUUID(), source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: changedAt, datacontenttype: 'application/json', data: p },
      })),
    );
    // The dialer (and the test's eyes on the other topics, for the ids of the events behind each reason).
    await broker.subscribe({ groupId: `e2e-dialer-${namespace}`, topics: [SALES_GATING_TOPIC, FEEDBACK_TOPIC, COMPLAINTS_TOPIC], handle: async (m) => void seen.push(m) });
    const started = await Promise.all(SERVICES.map((service) => startService(service, engines, { namespace, jwtSecret: SECRET })));
    for (const p of started) processes.set(p.service, p);
  }, 300_000);

  afterAll(async () => {
    await broker?.close();
    await Promise.all([...processes.values()].map((p) => p.stop()));
  }, 60_000);

  const events = (topic: string, type: string, customerId: string): IncomingMessage[] =>
    seen.filter((m) => m.topic === topic && m.event.type === type && (m.event.data as { customerId?: string }).customerId === customerId);
  const changes = (customerId: string): GateChangedV1[] => events(SALES_GATING_TOPIC, SalesGatingEventTypes.gateChanged, customerId).map((m) => m.event.data as GateChangedV1);
  /** Retries while another service has not heard of something yet (a 404 or 422 stores nothing). */
  const eventually = async (send: () => request.Test, status: number, what: string): Promise<request.Response> => {
    let last: request.Response | undefined;
    await until(async () => (last = await send()).status === status, 90_000, what);
    return last!;
  };

  it('G1, G2, G4, G7, F4, K5: HOLD naming the detractor answer and the open complaint; TARGET only on the confirmation and a later NPS of 9, naming both; the dialer sees each change in order', async () => {
    const registered = await eventually(() => request(url('customers')).post('/api/v1/customers').set('authorization', ana).send({ name: 'Mia Wong', email: `mia-${namespace}@example.com` }), 201, 'Mia registered');
    const customerId: string = registered.body.customerId;
    await request(url('customers')).post(`/api/v1/customers/${customerId}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-1', amount: 1249.5, category: 'laptops' }).expect(200);
    await until(() => changes(customerId).length === 1, 90_000, 'the first gate');
    expect(changes(customerId)[0]).toMatchObject({ status: 'OPEN', ownerId: 'rep-ana' });

    // K1, K2: ana receives Mia's complaint (once complaints' copy of the directory knows her), acknowledges, proposes.
    const complaintId = randomUUID();
    const complaint = { complaintId, customerId, channel: 'phone', category: 'delivery', severity: 'high', description: 'the laptop arrived with a cracked screen' };
    await eventually(() => request(url('complaints')).post('/api/v1/complaints').set('authorization', ana).send(complaint), 201, 'the complaint received');
    await request(url('complaints')).post(`/api/v1/complaints/${complaintId}/acknowledgement`).set('authorization', ana).send({ message: 'Sorry, Mia: I have it.' }).expect(200);
    await request(url('complaints')).post(`/api/v1/complaints/${complaintId}/resolution`).set('authorization', ana).send({ resolution: 'A new laptop ships today.' }).expect(200);
    await until(() => changes(customerId).length === 2, 90_000, 'HOLD on the open complaint');
    const received = events(COMPLAINTS_TOPIC, ComplaintEventTypes.received, customerId).map((m) => m.event.id);
    expect(changes(customerId)[1]).toMatchObject({ status: 'HOLD', reasons: [{ rule: 'G2', eventIds: received }] });

    // F4 by hand (see above): the survey goes out; Mia answers 3 with the token from survey-sent, no account.
    const asked = await eventually(() => request(url('feedback')).post(`/api/v1/feedback/customers/${customerId}/surveys`).set('authorization', ana).send({}), 200, 'the survey asked for');
    expect(asked.body).toMatchObject({ status: 'sent' });
    await until(() => events(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId).length === 1, 90_000, 'survey-sent on Kafka');
    const first = events(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId)[0]!.event.data as SurveySentV1;
    await request(url('feedback')).post(first.answerPath).send({ token: first.answerToken, score: 3 }).expect(200);

    // G1 + G2, G7: HOLD naming both, with the published events behind each.
    await until(() => changes(customerId).length === 3, 90_000, 'HOLD naming the detractor too');
    const detractor = events(FEEDBACK_TOPIC, FeedbackEventTypes.surveyAnswered, customerId).map((m) => m.event.id);
    expect(detractor).toHaveLength(1);
    expect(changes(customerId)[2]!.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'G2', eventIds: received }), expect.objectContaining({ rule: 'G1', eventIds: detractor })]),
    );
    // The check reads the gates read model, which may trail the relay that put the change on the topic.
    const check = async () => (await request(url('sales-gating')).post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId }).expect(200)).body;
    await until(async () => (await check()).status === 'HOLD', 30_000, 'the check to see HOLD');
    expect(await check()).toMatchObject({ allowed: false, status: 'HOLD' });

    // K5: Mia confirms the resolution. G4: still HOLD — the latest NPS is a detractor's.
    await request(url('complaints')).post(`/api/v1/complaints/${complaintId}/resolution/confirmation`).set('authorization', ana).send({ satisfaction: 4 }).expect(200);
    await until(() => changes(customerId).length === 4, 90_000, 'the gate after the confirmation');
    const confirmed = events(COMPLAINTS_TOPIC, ComplaintEventTypes.confirmed, customerId).map((m) => m.event.id);
    expect(changes(customerId)[3]).toMatchObject({ status: 'HOLD', causeEventId: confirmed[0] });

    // F4: asking again now is dropped — Mia was surveyed today.
    const again = await request(url('feedback')).post(`/api/v1/feedback/customers/${customerId}/surveys`).set('authorization', ana).send({}).expect(200);
    expect(again.body).toMatchObject({ status: 'throttled', throttleReason: 'surveyed-recently' });
    expect(new Date(again.body.allowedFrom).getTime()).toBeGreaterThan(Date.now() + 89 * DAY);

    // 100 days later, for feedback: the same service on the same stores, its clock moved on. Now it may ask again.
    await processes.get('feedback')!.stop();
    processes.set('feedback', await startService('feedback', engines, { namespace, jwtSecret: SECRET, clockShiftMs: 100 * DAY }));
    const later = await request(url('feedback')).post(`/api/v1/feedback/customers/${customerId}/surveys`).set('authorization', ana).send({}).expect(200);
    expect(later.body).toMatchObject({ status: 'sent' });
    await until(() => events(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId).length === 2, 90_000, 'the later survey-sent on Kafka');
    const second = events(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId)[1]!.event.data as SurveySentV1;
    await request(url('feedback')).post(second.answerPath).send({ token: second.answerToken, score: 9 }).expect(200);

    // G4, G7: TARGET, naming the confirmation and the later NPS.
    await until(() => changes(customerId).length === 5, 90_000, 'TARGET');
    const promoter = events(FEEDBACK_TOPIC, FeedbackEventTypes.surveyAnswered, customerId).map((m) => m.event.id)[1]!;
    expect(changes(customerId)[4]).toMatchObject({ previous: 'HOLD', status: 'TARGET', causeEventId: promoter });
    expect(changes(customerId)[4]!.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'G4', eventIds: [...confirmed, promoter] })]));
    expect(changes(customerId).map((c) => c.status)).toEqual(['OPEN', 'HOLD', 'HOLD', 'HOLD', 'TARGET']);
    expect(changes(customerId).map((c) => c.previous)).toEqual([null, 'OPEN', 'HOLD', 'HOLD', 'HOLD']);
    await until(async () => (await request(url('sales-gating')).post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId })).body.allowed === true, 30_000, 'the check allows');
  }, 300_000);
});
