import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { ComplaintsModule, DirectoryCopy as ComplaintsDirectoryCopy } from '@rapport/complaints-app';
import { CustomersModule, DirectoryCopy as CustomersDirectoryCopy } from '@rapport/customers-app';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { FeedbackModule, surveyTimerId } from '@rapport/feedback-app';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type SurveySentV1 } from '@rapport/feedback-contracts';
import { ManualClock } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type ServiceHost, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import { SalesGatingModule } from '@rapport/sales-gating-app';
import { SALES_GATING_TOPIC, SalesGatingEventTypes, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import { FIRING_OPTIONS, FiringLoop, SCHEDULER_HOST, SchedulerModule, TIMER_INDEX, type TimerDoc } from '@rapport/scheduler-app';
import request from 'supertest';

const START = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;
const person = (personId: string, roles: PersonV1['roles'], managerId: string | null): PersonV1 => ({
  personId, displayName: personId, roles, teamId: 'east', managerId, active: true, changedAt: START.toISOString(),
});

/**
 * The whole system in one process (embedded), in simulated time, the services meeting only on the bus: a customer
 * registered and buying on customers, complaining on complaints, surveyed by feedback through the scheduler's
 * timers, answering 3 → the gate HOLDs naming the complaint and the answer; the complaint confirmed resolved, the
 * next survey (after F4's 90 days) answered 9 → TARGET naming both; a dialer reading the gate topic sees each change.
 */
describe('register → purchase → complaint → detractor → HOLD → confirmed + NPS 9 → TARGET, the whole system embedded', () => {
  const clock = new ManualClock(START);
  let app: INestApplication;
  let bus: InProcessBus;
  let ana: string;

  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'sales-gating-e2e-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ environment, clock }), CustomersModule, SchedulerModule, FeedbackModule, ComplaintsModule, SalesGatingModule],
    })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 }) // the test fires by hand, when the clock says
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport whole-system e2e', description: 'test', version: 'test' });
    await app.init();
    bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
    await bus.publish(
      [person('rep-ana', ['rep'], 'manager-max'), person('manager-max', ['manager'], null)].map((p, i) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: `e2e-directory-${i}`, source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: START.toISOString(), datacontenttype: 'application/json', data: p },
      })),
    );
    await until(async () => (await app.get(CustomersDirectoryCopy).standing('rep-ana')) === 'active', 10_000, "customers' directory copy");
    await until(async () => (await app.get(ComplaintsDirectoryCopy).standing('rep-ana')).known, 10_000, "complaints' directory copy");
    ana = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
  }, 60_000);
  afterAll(async () => app?.close());

  const http = () => request(app.getHttpServer());
  const relayed = async (service: string, topic: string): Promise<IncomingMessage[]> => {
    await until(async () => (await app.get(ReadinessRegistry).report()).checks[`${service}/relay`] === true, 30_000, `the ${service} relay`);
    return bus.read(topic, 0, 1_000_000);
  };
  const gateChanges = async (customerId: string): Promise<GateChangedV1[]> =>
    (await relayed('sales-gating', SALES_GATING_TOPIC)).filter((m) => m.event.type === SalesGatingEventTypes.gateChanged && m.event.subject === customerId).map((m) => m.event.data as GateChangedV1);
  const surveysSent = async (customerId: string): Promise<IncomingMessage[]> =>
    (await relayed('feedback', FEEDBACK_TOPIC)).filter((m) => m.event.type === FeedbackEventTypes.surveySent && (m.event.data as SurveySentV1).customerId === customerId);
  const at = (days: number): void => clock.set(new Date(START.getTime() + days * DAY));

  it('G2, G1, G4, G7: HOLD with both reasons, TARGET only after the confirmation and a later NPS 9, each change on the topic', async () => {
    const registered = await http().post('/api/v1/customers').set('authorization', ana).send({ name: 'Mia Wong', email: 'mia@example.com' }).expect(201);
    const customerId: string = registered.body.customerId;
    await http().post(`/api/v1/customers/${customerId}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-1', amount: 1249.5, category: 'laptops' }).expect(200);

    at(1);
    const complaint = await http().post('/api/v1/complaints').set('authorization', ana).send({ customerId, channel: 'phone', category: 'delivery', severity: 'high', description: 'the parcel arrived broken' }).expect(201);
    const complaintId: string = complaint.body.complaintId;
    await until(async () => (await gateChanges(customerId)).at(-1)?.status === 'HOLD', 30_000, 'HOLD on the complaint');
    const received = (await relayed('complaints', COMPLAINTS_TOPIC)).find((m) => m.event.type === ComplaintEventTypes.received && m.event.subject === complaintId)!;

    // Feedback surveys 14 days after the purchase, through the scheduler; the customer answers 3.
    at(14);
    await app.get(FiringLoop).fireDue();
    await until(async () => (await surveysSent(customerId)).length === 1, 30_000, 'the first survey');
    const first = (await surveysSent(customerId))[0]!.event.data as SurveySentV1;
    await http().post(first.answerPath).send({ token: first.answerToken, score: 3, categories: ['service'] }).expect(200);
    await until(async () => (await gateChanges(customerId)).some((c) => c.reasons.some((r) => r.rule === 'G1')), 30_000, 'the detractor reason');
    const answered3 = (await relayed('feedback', FEEDBACK_TOPIC)).find((m) => m.event.type === FeedbackEventTypes.surveyAnswered && m.event.subject === customerId)!;
    const held = (await http().get(`/api/v1/sales-gating/customers/${customerId}/gate`).set('authorization', ana).expect(200)).body;
    expect(held.decision).toMatchObject({
      status: 'HOLD',
      reasons: [
        { rule: 'G2', code: 'open-complaint', eventIds: [received.event.id] },
        { rule: 'G1', code: 'detractor', eventIds: [answered3.event.id] },
      ],
    });
    expect((await http().post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId }).expect(200)).body).toMatchObject({ allowed: false, status: 'HOLD' });

    // The complaint is resolved and the customer confirms (K5); the gate still holds on the detractor answer (G1, G4).
    at(20);
    await http().post(`/api/v1/complaints/${complaintId}/acknowledgement`).set('authorization', ana).send({ message: 'Sorry, a new one ships today.' });
    await http().post(`/api/v1/complaints/${complaintId}/resolution`).set('authorization', ana).send({ resolution: 'A new one shipped, with a voucher' }).expect(200);
    await http().post(`/api/v1/complaints/${complaintId}/resolution/confirmation`).set('authorization', ana).send({ satisfaction: 4 }).expect(200);
    await until(async () => (await gateChanges(customerId)).at(-1)?.reasons.map((r) => r.rule).join() === 'G1', 30_000, 'HOLD on the detractor answer alone');
    const confirmed = (await relayed('complaints', COMPLAINTS_TOPIC)).find((m) => m.event.type === ComplaintEventTypes.confirmed && m.event.subject === complaintId)!;

    // F4: the survey 7 days after the confirmation is throttled (surveyed within 90 days); a purchase on day 100 is surveyed on day 114.
    at(27);
    await app.get(FiringLoop).fireDue();
    at(100);
    await http().post(`/api/v1/customers/${customerId}/contacts`).set('authorization', ana).send({ channel: 'call', direction: 'outbound', outcome: 'reached' });
    await http().post(`/api/v1/customers/${customerId}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-2', amount: 300, category: 'laptops' }).expect(200);
    const scheduler = app.get<ServiceHost>(SCHEDULER_HOST);
    await until(async () => (await scheduler.readModels.get<TimerDoc>(TIMER_INDEX, surveyTimerId(customerId, 'INV-2')))?.status === 'pending', 30_000, 'the second survey timer');
    at(114);
    await app.get(FiringLoop).fireDue();
    await until(async () => (await surveysSent(customerId)).length === 2, 30_000, 'the second survey');
    const second = (await surveysSent(customerId))[1]!.event.data as SurveySentV1;
    await http().post(second.answerPath).send({ token: second.answerToken, score: 9 }).expect(200);
    await until(async () => (await gateChanges(customerId)).at(-1)?.status === 'TARGET', 30_000, 'TARGET');
    const answered9 = (await relayed('feedback', FEEDBACK_TOPIC)).filter((m) => m.event.type === FeedbackEventTypes.surveyAnswered && m.event.subject === customerId)[1]!;

    const changes = await gateChanges(customerId);
    expect(changes.map((c) => c.status)).toEqual(['OPEN', 'HOLD', 'HOLD', 'HOLD', 'TARGET']);
    expect(changes.at(-1)).toMatchObject({ previous: 'HOLD', causeEventId: answered9.event.id, reasons: [{ rule: 'G4', code: 'turnaround', eventIds: [confirmed.event.id, answered9.event.id] }, { rule: 'G3' }] });
    expect((await http().post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId }).expect(200)).body).toMatchObject({ allowed: true, status: 'TARGET' });
  }, 180_000);
});
