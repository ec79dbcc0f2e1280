import type { IncomingMessage } from '@rapport/platform-messaging';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type LoopOpenedV1, type SurveySentV1, type SurveyThrottledV1 } from '@rapport/feedback-contracts';
import { SALES_GATING_TOPIC, SalesGatingEventTypes, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import { EmbeddedWorld } from './testing/embedded-world';

const START = new Date('2026-03-02T09:00:00.000Z'); // a Monday

/**
 * Issue 12's whole system, embedded: the all-in-one process (customers, scheduler, feedback, complaints, sales
 * gating, directory, audit; SQLite and the in-process bus) driven over HTTP as a rep, a customer and a manager would,
 * in simulated time. The services meet only on the bus; a dialer consuming `rapport.sales-gating.v1` sees each change
 * of the gate, in order.
 */
describe('the whole system, embedded: register → purchase → complaint → detractor → HOLD → confirmed + NPS 9 → TARGET', () => {
  let world: EmbeddedWorld;
  const dialer: IncomingMessage[] = [];

  beforeAll(async () => {
    world = await EmbeddedWorld.start(START);
    await world.bus.subscribe({ groupId: 'e2e-dialer', topics: [SALES_GATING_TOPIC], handle: async (m) => void dialer.push(m) });
  }, 120_000);
  afterAll(async () => world?.close());

  const http = () => request(world.server());
  const ofType = async <T>(topic: string, type: string, customerId: string): Promise<{ id: string; data: T }[]> =>
    (await world.published(topic)).filter((m) => m.event.type === type && (m.event.data as { customerId?: string }).customerId === customerId).map((m) => ({ id: m.event.id, data: m.event.data as T }));
  const changes = (customerId: string): GateChangedV1[] =>
    dialer.filter((m) => m.event.type === SalesGatingEventTypes.gateChanged && m.event.subject === customerId).map((m) => m.event.data as GateChangedV1);
  const gateOf = async (customerId: string, bearer: string) => (await http().get(`/api/v1/sales-gating/customers/${customerId}/gate`).set('authorization', bearer).expect(200)).body;

  it('G1, G2, G4, G7, G8, F3, F4, K5: the gate holds naming the detractor answer and the open complaint, lifts to TARGET only on the confirmation and a later NPS of 9, and the dialer sees each change in order', async () => {
    const ana = world.bearer('rep-ana');
    const ben = world.bearer('rep-ben');

    // Day 0 — rep-ana registers Mia and records her first purchase (customers, C1, C3, C8).
    const registered = await http().post('/api/v1/customers').set('authorization', ana).send({ name: 'Mia Wong', email: 'mia@example.com' }).expect(201);
    const customerId: string = registered.body.customerId;
    await http().post(`/api/v1/customers/${customerId}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-1', amount: 1249.5, category: 'laptops' }).expect(200);
    await world.fireAndSettle();
    await until(() => changes(customerId).length >= 1, 30_000, 'the first gate');
    expect(changes(customerId).map((c) => c.status)).toEqual(['OPEN']);

    // Day 0 — Mia phones ana with a complaint: ana received it, so she owns it (K1, K2); she acknowledges at once.
    const received = await http()
      .post('/api/v1/complaints')
      .set('authorization', ana)
      .send({ customerId, channel: 'phone', category: 'delivery', severity: 'high', description: 'the laptop arrived with a cracked screen', remedySought: 'a replacement' })
      .expect(201);
    const complaintId: string = received.body.complaintId;
    await http().post(`/api/v1/complaints/${complaintId}/acknowledgement`).set('authorization', ana).send({ message: 'Sorry, Mia: I have it and will call you tomorrow.' }).expect(200);
    await world.fireAndSettle();
    const complaintReceived = (await ofType(COMPLAINTS_TOPIC, ComplaintEventTypes.received, customerId)).map((e) => e.id);
    expect(complaintReceived).toHaveLength(1);
    await until(() => changes(customerId).length >= 2, 30_000, 'HOLD on the open complaint');
    expect(changes(customerId)[1]).toMatchObject({ previous: 'OPEN', status: 'HOLD', reasons: [{ rule: 'G2', eventIds: complaintReceived }], causeEventId: complaintReceived[0] });

    // Day 1 — ana proposes a resolution; until Mia confirms it, the complaint is open (K5) and the gate holds (G2).
    await world.advanceTo(1);
    await http().post(`/api/v1/complaints/${complaintId}/resolution`).set('authorization', ana).send({ resolution: 'A new laptop ships today.' }).expect(200);

    // Day 14 — feedback's purchase trigger (F4): the survey goes out with its answer link, not a day earlier.
    await world.advanceTo(13);
    expect(await ofType(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId)).toEqual([]);
    await world.advanceTo(14);
    const [firstSurvey] = await ofType<SurveySentV1>(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId);
    expect(firstSurvey?.data).toMatchObject({ customerId, sentAt: world.iso(14) });

    // Mia answers 3 through the public endpoint, with the token from the survey-sent event only (no account).
    await http().post(firstSurvey!.data.answerPath).send({ token: firstSurvey!.data.answerToken, score: 3, categories: ['service'] }).expect(200);
    await world.fireAndSettle();
    const detractorAnswers = await ofType(FEEDBACK_TOPIC, FeedbackEventTypes.surveyAnswered, customerId);
    expect(detractorAnswers).toEqual([expect.objectContaining({ data: expect.objectContaining({ score: 3, category: 'detractor' }) })]);
    expect(await ofType(FEEDBACK_TOPIC, FeedbackEventTypes.sentimentMoved, customerId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ to: 'detractor' }) })]);

    // G1 + G2, G7: HOLD naming both reasons, each with the published event behind it.
    await until(() => changes(customerId).length >= 3, 30_000, 'HOLD naming the detractor too');
    const held = changes(customerId)[2]!;
    expect(held).toMatchObject({ previous: 'HOLD', status: 'HOLD', causeEventId: detractorAnswers[0]!.id });
    expect(held.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'G2', eventIds: complaintReceived }),
        expect.objectContaining({ rule: 'G1', eventIds: [detractorAnswers[0]!.id] }),
      ]),
    );
    expect(held.policyVersion).toEqual(expect.any(String));
    expect((await gateOf(customerId, ana)).decision).toMatchObject({ status: 'HOLD', reasons: held.reasons });
    const denied = await http().post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId }).expect(200);
    expect(denied.body).toMatchObject({ allowed: false, status: 'HOLD' });
    // The check answers one "gate held" denial (its rule is the first reason's) whose text carries every reason.
    expect(denied.body.denials).toEqual([expect.objectContaining({ code: 'gate-held', text: expect.stringContaining(held.reasons.map((r) => r.text).join('; ')) })]);
    // The manager's HOLD list shows Mia with both reasons (G1–G4 list, G7 reasons).
    const max = world.bearer('manager-max');
    const holds = await http().get('/api/v1/sales-gating/holds').set('authorization', max).expect(200);
    expect(holds.body.items).toEqual([expect.objectContaining({ customerId, ownerId: 'rep-ana', decision: expect.objectContaining({ status: 'HOLD', reasons: held.reasons }) })]);
    // G6: another rep is denied whatever the gate says.
    const grabbing = await http().post('/api/v1/sales-gating/checks').set('authorization', ben).send({ customerId }).expect(200);
    expect(grabbing.body).toMatchObject({ allowed: false });
    expect(grabbing.body.denials.map((d: { rule: string }) => d.rule)).toContain('G6');

    // Day 15 — ana calls Mia: the replacement works, and Mia confirms the resolution (K5: closure is her word).
    await world.advanceTo(15);
    // F3: the detractor's follow-up is ana's, due in 48 hours; she works its four steps in time and closes it.
    const [loop] = await ofType<LoopOpenedV1>(FEEDBACK_TOPIC, FeedbackEventTypes.loopOpened, customerId);
    expect(loop?.data).toMatchObject({ ownerId: 'rep-ana', dueAt: world.iso(16) });
    for (const step of ['contact', 'root-cause', 'fix', 'customer-informed']) {
      await http().post(`/api/v1/feedback/loops/${loop!.data.loopId}/steps`).set('authorization', ana).send({ step, note: `${step} done` }).expect(200);
    }
    await http().post(`/api/v1/feedback/loops/${loop!.data.loopId}/close`).set('authorization', ana).expect(200);
    await http().post(`/api/v1/complaints/${complaintId}/resolution/confirmation`).set('authorization', ana).send({ satisfaction: 4, comment: 'works fine now' }).expect(200);
    await world.fireAndSettle();
    const confirmations = (await ofType(COMPLAINTS_TOPIC, ComplaintEventTypes.confirmed, customerId)).map((e) => e.id);
    expect(confirmations).toHaveLength(1);
    // G4: the complaint alone does not lift the hold: the latest NPS is still a detractor's.
    await until(() => changes(customerId).length >= 4, 30_000, 'the gate after the confirmation');
    expect(changes(customerId)[3]).toMatchObject({ status: 'HOLD', causeEventId: confirmations[0] });
    expect(changes(customerId)[3]!.reasons.map((r) => r.rule)).not.toContain('G2');
    // G7: the earliest it may change is when Mia may be surveyed again, 90 days after her answer.
    expect(changes(customerId)[3]!.nextChangeAt).toBe(world.iso(14 + 90));

    // Day 22 — the confirmation's own survey trigger (7 days later) is dropped, not queued: Mia was asked on day 14 (F4).
    await world.advanceTo(22);
    const throttled = await ofType<SurveyThrottledV1>(FEEDBACK_TOPIC, FeedbackEventTypes.surveyThrottled, customerId);
    expect(throttled).toHaveLength(1);
    expect(await ofType(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId)).toHaveLength(1);

    // How the later NPS arrives without breaking F4: nobody may survey Mia for 90 days after day 14, and an answer on
    // the integrators' topic needs the token of a survey that was sent — so time passes. On day 100 Mia buys again;
    // the purchase trigger asks 14 days later (day 114, past the 90 days), and that survey goes out.
    await world.advanceTo(100);
    expect(await ofType(FEEDBACK_TOPIC, FeedbackEventTypes.loopClosed, customerId)).toHaveLength(1);
    expect(await ofType(FEEDBACK_TOPIC, FeedbackEventTypes.loopEscalated, customerId)).toEqual([]);
    // She became long-standing three months after her first purchase (C6); that relationship survey was dropped too.
    const dropped = await ofType<SurveyThrottledV1>(FEEDBACK_TOPIC, FeedbackEventTypes.surveyThrottled, customerId);
    expect(dropped.map((t) => [t.data.throttledAt, t.data.reason, t.data.allowedFrom])).toEqual([
      [world.iso(22), 'surveyed-recently', world.iso(14 + 90)],
      [world.iso(92), 'surveyed-recently', world.iso(14 + 90)],
    ]);
    await http().post(`/api/v1/customers/${customerId}/purchases`).set('authorization', ana).send({ purchaseId: 'INV-2', amount: 310, category: 'docks' }).expect(200);
    await world.fireAndSettle();
    // G8: money alone never opens a gate.
    expect(changes(customerId).at(-1)).toMatchObject({ status: 'HOLD' });
    expect((await gateOf(customerId, ana)).decision).toMatchObject({ status: 'HOLD' });

    await world.advanceTo(114);
    const surveys = await ofType<SurveySentV1>(FEEDBACK_TOPIC, FeedbackEventTypes.surveySent, customerId);
    expect(surveys).toHaveLength(2);
    expect(surveys[1]!.data.sentAt).toBe(world.iso(114));
    await http().post(surveys[1]!.data.answerPath).send({ token: surveys[1]!.data.answerToken, score: 9 }).expect(200);
    await world.fireAndSettle();
    const promoter = (await ofType(FEEDBACK_TOPIC, FeedbackEventTypes.surveyAnswered, customerId)).at(-1)!;
    expect(promoter.data).toMatchObject({ score: 9, category: 'promoter' });

    // G4, G7: TARGET, the decision naming the confirmation and the later NPS; the check now allows ana.
    await until(() => changes(customerId).at(-1)?.status === 'TARGET', 30_000, 'TARGET');
    const target = changes(customerId).at(-1)!;
    expect(target).toMatchObject({ previous: 'HOLD', status: 'TARGET', causeEventId: promoter.id });
    expect(target.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'G4', eventIds: [...confirmations, promoter.id] })]));
    expect((await gateOf(customerId, ana)).decision).toMatchObject({ status: 'TARGET' });
    const targets = await http().get('/api/v1/sales-gating/targets').set('authorization', ana).expect(200);
    expect(targets.body.items).toEqual([expect.objectContaining({ customerId, decision: expect.objectContaining({ status: 'TARGET' }) })]);
    expect((await http().get('/api/v1/sales-gating/holds').set('authorization', world.bearer('manager-max')).expect(200)).body.items).toEqual([]);
    const allowed = await http().post('/api/v1/sales-gating/checks').set('authorization', ana).send({ customerId }).expect(200);
    expect(allowed.body).toMatchObject({ allowed: true, status: 'TARGET', denials: [] });

    // The dialer saw every change, in order, exactly as sales gating published them.
    const published = (await world.published(SALES_GATING_TOPIC)).filter((m) => m.event.type === SalesGatingEventTypes.gateChanged && m.event.subject === customerId);
    expect(dialer.filter((m) => m.event.type === SalesGatingEventTypes.gateChanged && m.event.subject === customerId).map((m) => m.event.id)).toEqual(published.map((m) => m.event.id));
    expect(changes(customerId).map((c) => c.status)).toEqual(['OPEN', 'HOLD', 'HOLD', 'HOLD', 'TARGET']);
    for (const [i, change] of changes(customerId).entries()) expect(change.previous).toBe(i === 0 ? null : changes(customerId)[i - 1]!.status);
  }, 300_000);
});
