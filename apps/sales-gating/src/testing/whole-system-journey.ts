import type { INestApplication } from '@nestjs/common';
import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { surveyTimerId } from '@rapport/feedback-app';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type SurveySentV1 } from '@rapport/feedback-contracts';
import type { ManualClock } from '@rapport/platform-eventsourcing';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { ReadinessRegistry, type ServiceHost } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import { SALES_GATING_TOPIC, SalesGatingEventTypes, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import { FiringLoop, SCHEDULER_HOST, TIMER_INDEX, type TimerDoc } from '@rapport/scheduler-app';
import request from 'supertest';

const START = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;

/**
 * The journey issue 12 asks to show, on whatever engines the app runs: register → purchase → complaint → detractor
 * answer → HOLD naming both → complaint confirmed and a later NPS 9 → TARGET naming both; each change on the gate topic.
 */
/** `read(topic)`: every message published on the topic so far (the in-process bus's log, or what a consumer of the broker collected). */
export async function wholeSystemJourney(app: INestApplication, clock: ManualClock, read: (topic: string) => Promise<IncomingMessage[]>, ana: string): Promise<void> {
  const http = () => request(app.getHttpServer());
  const relayed = async (service: string, topic: string): Promise<IncomingMessage[]> => {
    await until(async () => (await app.get(ReadinessRegistry).report()).checks[`${service}/relay`] === true, 30_000, `the ${service} relay`);
    return read(topic);
  };
  const gateChanges = async (customerId: string): Promise<GateChangedV1[]> =>
    (await relayed('sales-gating', SALES_GATING_TOPIC)).filter((m) => m.event.type === SalesGatingEventTypes.gateChanged && m.event.subject === customerId).map((m) => m.event.data as GateChangedV1);
  const surveysSent = async (customerId: string): Promise<IncomingMessage[]> =>
    (await relayed('feedback', FEEDBACK_TOPIC)).filter((m) => m.event.type === FeedbackEventTypes.surveySent && (m.event.data as SurveySentV1).customerId === customerId);
  const at = (days: number): void => clock.set(new Date(START.getTime() + days * DAY));

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
    await until(async () => (await relayed('feedback', FEEDBACK_TOPIC)).some((m) => m.event.type === FeedbackEventTypes.surveyThrottled && m.event.subject === customerId), 30_000, 'the throttled survey');
    expect(await surveysSent(customerId)).toHaveLength(1);
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
}
