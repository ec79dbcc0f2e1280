import { CustomerEventTypes } from '@rapport/customers-contracts';
import { startFeedbackTestApp, START, type FeedbackTestApp } from '../testing/feedback-test-app';

/** Customers in two tiers answer through their links; the board reads the projected segments. */
describe('the NPS board over HTTP (F1, F5)', () => {
  let t: FeedbackTestApp;
  let manager: string;
  const answerAs = async (customerId: string, tier: 'gold' | 'silver', score: number): Promise<void> => {
    await t.customerEvent(CustomerEventTypes.registered, customerId, { customerId, ownerId: 'rep-ana', displayName: customerId, registeredAt: START.toISOString() });
    await t.customerEvent(CustomerEventTypes.tierChanged, customerId, { customerId, from: null, to: tier, lifetimePoints: 0, changedAt: START.toISOString(), policyVersion: 'p' });
    await t.knows(customerId, 'rep-ana');
    const surveyId = (await t.http().post(`/api/v1/feedback/customers/${customerId}/surveys`).set('authorization', manager).send({}).expect(200)).body.surveyId;
    const sent = await t.sent(surveyId);
    t.clock.advance(4_000); // the public endpoint allows 20 answers a minute per client address
    await t.http().post(sent.answerPath).send({ token: sent.answerToken, score }).expect(200);
  };

  beforeAll(async () => {
    t = await startFeedbackTestApp();
    manager = t.as('manager-max', 'manager');
    for (let i = 0; i < 30; i += 1) await answerAs(`gold-${i}`, 'gold', i % 2 === 0 ? 10 : 9);
    for (const [i, score] of [6, 7, 9, 10].entries()) await answerAs(`silver-${i}`, 'silver', score);
  }, 60_000);
  afterAll(async () => t?.close());

  it('F5: a tier where all 30 answers are satisfied is flagged as a likely biased survey; the mixed one is not', async () => {
    const board = await t.http().get('/api/v1/feedback/nps?dimension=tier').set('authorization', manager).expect(200);
    expect(board.body.segments).toEqual([
      expect.objectContaining({ value: 'gold', count: 30, nps: 100, marginOfError: 0, likelyBiased: true }),
      expect.objectContaining({ value: 'silver', count: 4, nps: 25, likelyBiased: false }),
    ]);
  });

  it('F1: the overall figure counts everyone once, with its count and 95% margin; passives only in the denominator', async () => {
    const board = await t.http().get('/api/v1/feedback/nps').set('authorization', manager).expect(200);
    // 32 promoters, 1 passive, 1 detractor of 34: NPS 91.2; variance 33/34 − (31/34)² ≈ 0.139; margin ≈ 12.5
    expect(board.body.overall).toEqual({ count: 34, nps: 91.2, marginOfError: 12.5, promoters: 32, passives: 1, detractors: 1, likelyBiased: false });
    const month = await t.http().get(`/api/v1/feedback/nps?month=${START.toISOString().slice(0, 7)}`).set('authorization', manager).expect(200);
    expect(month.body.overall.count).toBe(34);
  });

  it('F1: the monthly trend has one point with the count; bad input is a 400', async () => {
    const trend = await t.http().get('/api/v1/feedback/nps/trend?interval=month').set('authorization', manager).expect(200);
    expect(trend.body).toEqual([expect.objectContaining({ period: '2026-03', count: 34, nps: 91.2 })]);
    expect((await t.http().get('/api/v1/feedback/nps/trend?interval=year').set('authorization', manager)).status).toBe(400);
    expect((await t.http().get('/api/v1/feedback/nps/trend?periods=0').set('authorization', manager)).status).toBe(400);
    expect((await t.http().get('/api/v1/feedback/nps?month=2026-13').set('authorization', manager)).status).toBe(400);
  });
});
