import { CustomerEventTypes, type TierV1 } from '@rapport/customers-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type SurveySentV1 } from '@rapport/feedback-contracts';
import { until } from '@rapport/platform-testing';
import { FEEDBACK_CUSTOMERS, type CustomerFactsDoc } from '../read-models/customer-facts.projection';
import { startFeedbackTestApp, START, type FeedbackTestApp } from '../testing/feedback-test-app';

describe('relationship survey waves (F1 importance first, F4)', () => {
  let t: FeedbackTestApp;
  let manager: string;
  const longStanding = async (customerId: string, tier: TierV1 | null, share: number | null): Promise<void> => {
    const at = START.toISOString();
    await t.customerEvent(CustomerEventTypes.registered, customerId, { customerId, ownerId: 'rep-ana', displayName: customerId, registeredAt: at });
    await t.customerEvent(CustomerEventTypes.stageChanged, customerId, { customerId, from: null, to: 'long-standing', changedAt: at, policyVersion: 'p' });
    if (tier) await t.customerEvent(CustomerEventTypes.tierChanged, customerId, { customerId, from: null, to: tier, lifetimePoints: 0, changedAt: at, policyVersion: 'p' });
    if (share !== null) {
      await t.customerEvent(CustomerEventTypes.shareOfWalletChanged, customerId, {
        customerId,
        overall: { share, ourSpend: share * 100, estimatedSpend: 100 },
        byCategory: {},
        windowMonths: 12,
        changedAt: at,
        policyVersion: 'p',
      });
    }
  };

  beforeAll(async () => {
    t = await startFeedbackTestApp();
    manager = t.as('manager-max', 'manager');
    await longStanding('silver-big', 'silver', 0.9);
    await longStanding('diamond', 'diamond', 0.1);
    await longStanding('gold-small', 'gold', 0.2);
    await longStanding('gold-big', 'gold', 0.8);
    await longStanding('no-tier', null, null);
    const expected: Record<string, [string | null, number | null]> = { 'silver-big': ['silver', 0.9], diamond: ['diamond', 0.1], 'gold-small': ['gold', 0.2], 'gold-big': ['gold', 0.8], 'no-tier': [null, null] };
    await until(
      async () => {
        for (const [id, [tier, share]] of Object.entries(expected)) {
          const doc = await t.host.readModels.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, id);
          if (doc?.stage !== 'long-standing' || doc.tier !== tier || doc.shareOfWallet !== share) return false;
        }
        return true;
      },
      10_000,
      'the customer facts copied',
    );
  });
  afterAll(async () => t?.close());

  it('F1: with capacity for three, the diamond customer, then gold by share of wallet are asked; the rest wait', async () => {
    // The relationship triggers of the stage changes are timers not fired here: only the wave asks.
    const wave = await t.http().post('/api/v1/feedback/relationship-waves').set('authorization', manager).send({ capacity: 3 }).expect(200);
    expect(wave.body).toEqual({ candidates: 5, asked: ['diamond', 'gold-big', 'gold-small'], sent: 3, throttled: 0 });
    await until(async () => (await t.published(FEEDBACK_TOPIC)).filter((m) => m.event.type === FeedbackEventTypes.surveySent).length === 3, 10_000, 'three sent');
    const sentTo = (await t.published(FEEDBACK_TOPIC)).filter((m) => m.event.type === FeedbackEventTypes.surveySent).map((m) => (m.event.data as SurveySentV1).customerId);
    expect(sentTo.sort()).toEqual(['diamond', 'gold-big', 'gold-small']);
  });

  it('F4: the next wave skips those asked within 90 days', async () => {
    await until(async () => (await t.http().get('/api/v1/feedback/pipeline').set('authorization', manager)).body.sent === 3, 10_000, 'projected');
    const wave = await t.http().post('/api/v1/feedback/relationship-waves').set('authorization', manager).send({ capacity: 10 }).expect(200);
    expect(wave.body).toEqual({ candidates: 2, asked: ['silver-big', 'no-tier'], sent: 2, throttled: 0 });
  });

  it('F1: only a manager starts a wave; a capacity outside 1–10,000 is a 400 naming the field', async () => {
    expect((await t.http().post('/api/v1/feedback/relationship-waves').set('authorization', t.as('rep-ana', 'rep')).send({ capacity: 1 })).status).toBe(403);
    const bad = await t.http().post('/api/v1/feedback/relationship-waves').set('authorization', manager).send({ capacity: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('capacity');
  });
});
