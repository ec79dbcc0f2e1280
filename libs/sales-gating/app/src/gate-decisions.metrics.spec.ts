import { CustomerEventTypes } from '@rapport/customers-contracts';
import { FeedbackEventTypes } from '@rapport/feedback-contracts';
import { FEEDBACK_TOPIC } from '@rapport/feedback-contracts';
import { until } from '@rapport/platform-testing';
import type { GateChanged } from '@rapport/sales-gating-domain';
import { startSalesGatingTestApp, START, type SalesGatingTestApp } from './testing/sales-gating-test-app';

describe('G7: gate decisions in /metrics (rapport_sales_gating_gate_decisions_total)', () => {
  let t: SalesGatingTestApp;
  beforeAll(async () => {
    t = await startSalesGatingTestApp();
  });
  afterAll(async () => t?.close());

  const decisions = async (): Promise<string[]> =>
    ((await t.http().get('/metrics').expect(200)).text as string).split('\n').filter((line) => line.startsWith('rapport_sales_gating_gate_decisions_total{')).sort();
  const changes = async (): Promise<GateChanged['data'][]> =>
    (await t.all()).filter((e) => e.type === 'sales-gating.gate-changed.v1').map((e) => e.data as GateChanged['data']);

  it('G7: every status change is counted once by transition and cause; a redelivered fact changes nothing', async () => {
    await t.customers(CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'customer c-1', registeredAt: START.toISOString() });
    const first = await t.gateOf('c-1');
    await t.feedback(FeedbackEventTypes.surveyAnswered, 'c-1', {
      surveyId: 's-1', customerId: 'c-1', score: 2, category: 'detractor', categories: ['service'], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: START.toISOString(),
    });
    const detractor = await t.gateOf('c-1', (d) => d.status !== first.status);
    expect(detractor.status).toBe('HOLD'); // G1: never pitch a detractor

    const decided = await changes();
    expect(decided.map((c) => `${c.previous ?? 'none'}→${c.decision.status}`)).toEqual([`none→${first.status}`, `${first.status}→HOLD`]);
    const expected = [
      `rapport_sales_gating_gate_decisions_total{from="none",to="${first.status}",cause="event"} 1`,
      `rapport_sales_gating_gate_decisions_total{from="${first.status}",to="HOLD",cause="event"} 1`,
    ].sort();
    expect(await decisions()).toEqual(expected);

    // The feedback topic delivers the answer again (at least once): the gate has it already.
    const [answer] = (await t.bus.read(FEEDBACK_TOPIC, 0, 100)).filter((m) => m.event.type === FeedbackEventTypes.surveyAnswered);
    await t.bus.publish([{ topic: FEEDBACK_TOPIC, key: answer!.key, event: answer!.event }]);
    await until(async () => (await t.bus.consumerLag()).filter((l) => l.topic === FEEDBACK_TOPIC).every((l) => l.lag === 0), 10_000, 'the copy handled');
    expect(await changes()).toHaveLength(2);
    expect(await decisions()).toEqual(expected);
  });
});
