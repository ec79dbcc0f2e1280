import { until } from '@rapport/platform-testing';
import { CustomerEventTypes } from '@rapport/customers-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type LoopOpenedV1, type SentimentMovedV1, type SurveySentV1 } from '@rapport/feedback-contracts';
import type { IntegrationEvent } from '@rapport/platform-messaging';
import { COMPLAINTS_SOURCE, COMPLAINTS_TOPIC, ComplaintEventTypes, type ResolutionConfirmedV1 } from '@rapport/complaints-contracts';
import { DAY_MS, START, startFeedbackTestApp, type FeedbackTestApp } from './testing/feedback-test-app';

const iso = (days: number, hours = 0): string => new Date(START.getTime() + days * DAY_MS + hours * 3_600_000).toISOString();

/**
 * The journey of one purchase through feedback, with customers, the directory and the scheduler played through
 * their published contracts (the all-in-one spec composes the real modules): purchase → 14 simulated days →
 * survey sent → answered 3 → detractor event → follow-up for the owner → escalated to the manager when overdue.
 */
describe('a purchase becomes a survey, a detractor answer a follow-up (F1, F3, F4, F7)', () => {
  let t: FeedbackTestApp;
  const events = async (type: string): Promise<IntegrationEvent[]> => (await t.published(FEEDBACK_TOPIC)).map((m) => m.event).filter((e) => e.type === type);

  beforeAll(async () => {
    t = await startFeedbackTestApp();
    await t.person('rep-ana', 'manager-max');
    await t.customerEvent(CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'customer c-1', registeredAt: iso(0) });
    await t.customerEvent(CustomerEventTypes.tierChanged, 'c-1', { customerId: 'c-1', from: null, to: 'gold', lifetimePoints: 20_000, changedAt: iso(0), policyVersion: 'p' });
    await t.knows('c-1', 'rep-ana');
  });
  afterAll(async () => t?.close());

  it('F4: nothing is sent on the purchase itself; the survey goes out 14 days later', async () => {
    await t.customerEvent(CustomerEventTypes.purchaseRecorded, 'c-1', { customerId: 'c-1', purchaseId: 'p-1', amount: 20_000, currency: 'EUR', category: 'software', occurredAt: iso(0), points: 20_000 });
    await until(async () => (await t.all()).some((e) => e.type === 'feedback.survey-trigger-scheduled.v1'), 10_000, 'the trigger');
    t.clock.advance(13 * DAY_MS);
    expect(await t.fireDueTimers()).toBe(0);
    expect(await events(FeedbackEventTypes.surveySent)).toEqual([]);
    t.clock.advance(DAY_MS);
    expect(await t.fireDueTimers()).toBe(1);
    await until(async () => (await events(FeedbackEventTypes.surveySent)).length === 1, 10_000, 'survey sent');
    expect((await events(FeedbackEventTypes.surveySent))[0]!.data).toMatchObject({ customerId: 'c-1', sentAt: iso(14), expiresAt: iso(28) });
  });

  it('F4: the next day, the survey of a second purchase is throttled (one survey per 90 days)', async () => {
    await t.customerEvent(CustomerEventTypes.purchaseRecorded, 'c-1', { customerId: 'c-1', purchaseId: 'p-2', amount: 10, currency: 'EUR', category: 'software', occurredAt: iso(1), points: 10 });
    await until(async () => (await t.all()).filter((e) => e.type === 'feedback.survey-trigger-scheduled.v1').length === 2, 10_000, 'the second trigger');
    t.clock.advance(DAY_MS);
    expect(await t.fireDueTimers()).toBe(1);
    await until(async () => (await events(FeedbackEventTypes.surveyThrottled)).length === 1, 10_000, 'throttled');
    expect((await events(FeedbackEventTypes.surveyThrottled))[0]!.data).toMatchObject({ reason: 'surveyed-recently', allowedFrom: iso(104) });
  });

  it('F1, F3, F7: answered 3 → a detractor event on the topic and a follow-up for the owner, due in 48 hours', async () => {
    const sent = (await events(FeedbackEventTypes.surveySent))[0]!.data as SurveySentV1;
    t.clock.advance(2 * 3_600_000);
    await t.http().post(sent.answerPath).send({ token: sent.answerToken, score: 3, categories: ['price'] }).expect(200);
    await until(async () => (await events(FeedbackEventTypes.loopOpened)).length === 1, 10_000, 'loop opened');
    expect((await events(FeedbackEventTypes.sentimentMoved)).map((e) => e.data as SentimentMovedV1)).toEqual([
      { customerId: 'c-1', surveyId: sent.surveyId, from: null, to: 'detractor', score: 3, movedAt: iso(15, 2) },
    ]);
    expect((await events(FeedbackEventTypes.loopOpened))[0]!.data as LoopOpenedV1).toMatchObject({ customerId: 'c-1', ownerId: 'rep-ana', openedAt: iso(15, 2), dueAt: iso(17, 2) });
  });

  it("F3: a follow-up not closed in 48 hours is escalated to the owner's manager", async () => {
    t.clock.advance(47 * 3_600_000);
    await t.fireDueTimers();
    expect(await events(FeedbackEventTypes.loopEscalated)).toEqual([]);
    t.clock.advance(2 * 3_600_000);
    await t.fireDueTimers();
    await until(async () => (await events(FeedbackEventTypes.loopEscalated)).length === 1, 10_000, 'escalated');
    expect((await events(FeedbackEventTypes.loopEscalated))[0]!.data).toMatchObject({ ownerId: 'rep-ana', managerId: 'manager-max', dueAt: iso(17, 2) });
    const queue = await t.http().get('/api/v1/feedback/detractors').set('authorization', t.as('manager-max', 'manager')).expect(200);
    expect(queue.body).toEqual([expect.objectContaining({ customerId: 'c-1', overdue: true, escalatedTo: 'manager-max' })]);
  });

  it("F3: when the customer is transferred, her open follow-up moves to the new owner's queue", async () => {
    await t.customerEvent(CustomerEventTypes.ownershipChanged, 'c-1', { customerId: 'c-1', previousOwnerId: 'rep-ana', ownerId: 'rep-ben', cause: 'transfer', assignment: 'manager', reason: 'territory', changedAt: t.clock.now().toISOString() });
    await until(async () => (await t.all()).some((e) => e.type === 'feedback.loop-reassigned.v1'), 10_000, 'the follow-up moved');
    await until(async () => (await t.http().get('/api/v1/feedback/detractors').set('authorization', t.as('rep-ben', 'rep'))).body.length === 1, 10_000, "in rep-ben's queue");
    expect((await t.http().get('/api/v1/feedback/detractors').set('authorization', t.as('rep-ana', 'rep')).expect(200)).body).toEqual([]);
    await t.customerEvent(CustomerEventTypes.ownershipChanged, 'c-1', { customerId: 'c-1', previousOwnerId: 'rep-ben', ownerId: 'rep-ana', cause: 'transfer', assignment: 'manager', reason: 'back', changedAt: t.clock.now().toISOString() });
    await until(async () => (await t.http().get('/api/v1/feedback/detractors').set('authorization', t.as('rep-ana', 'rep'))).body.length === 1, 10_000, "back in rep-ana's queue");
  });

  it('F1: the answer counts in its segments (tier gold, the owner) and in its ISO week', async () => {
    const tier = await t.http().get('/api/v1/feedback/nps?dimension=tier').set('authorization', t.as('manager-max', 'manager')).expect(200);
    expect(tier.body.segments).toEqual([expect.objectContaining({ value: 'gold', count: 1, nps: -100 })]);
    const trend = await t.http().get('/api/v1/feedback/nps/trend?interval=week').set('authorization', t.as('manager-max', 'manager')).expect(200);
    expect(trend.body).toEqual([expect.objectContaining({ period: '2026-W12', count: 1, nps: -100 })]);
  });

  it('F4: a complaint confirmed resolved asks for a survey 7 days later (here throttled: surveyed within 90 days)', async () => {
    const data: ResolutionConfirmedV1 = { complaintId: 'K-1', customerId: 'c-1', ownerId: 'rep-ana', satisfaction: 5, resolvedAt: t.clock.now().toISOString() };
    await t.bus.publish([
      { topic: COMPLAINTS_TOPIC, key: 'K-1', event: { specversion: '1.0', id: 'complaint-1', source: COMPLAINTS_SOURCE, type: ComplaintEventTypes.confirmed, subject: 'K-1', time: data.resolvedAt, datacontenttype: 'application/json', data } },
    ]);
    await until(async () => (await t.all()).some((e) => e.type === 'feedback.survey-trigger-scheduled.v1' && (e.data as { trigger: string }).trigger === 'complaint-resolved'), 10_000, 'the complaint trigger');
    const trigger = (await t.all()).find((e) => e.type === 'feedback.survey-trigger-scheduled.v1' && (e.data as { trigger: string }).trigger === 'complaint-resolved')!;
    expect(trigger.data).toMatchObject({ customerId: 'c-1', dueAt: new Date(Date.parse(data.resolvedAt) + 7 * DAY_MS).toISOString() });
    t.clock.advance(7 * DAY_MS);
    await t.fireDueTimers();
    await until(async () => (await events(FeedbackEventTypes.surveyThrottled)).length === 2, 10_000, 'the second throttle');
  });

  it('F3, F7: a re-survey after 90 days shows whether the follow-up worked, and the move back is published', async () => {
    t.clock.advance(100 * DAY_MS);
    const rep = t.as('rep-ana', 'rep');
    const again = await t.http().post('/api/v1/feedback/customers/c-1/surveys').set('authorization', rep).send({}).expect(200);
    expect(again.body.status).toBe('sent');
    const sent = await t.sent(again.body.surveyId);
    await t.http().post(sent.answerPath).send({ token: sent.answerToken, score: 9 }).expect(200);
    const history = await t.http().get('/api/v1/feedback/customers/c-1/history').set('authorization', rep).expect(200);
    expect(history.body.sentiment.map((p: { score: number }) => p.score)).toEqual([3, 9]);
    expect(history.body.loops[0].resurvey).toMatchObject({ surveyId: sent.surveyId, score: 9, category: 'promoter', improved: true });
    await until(async () => (await events(FeedbackEventTypes.sentimentMoved)).length === 2, 10_000, 'the move back');
    expect((await events(FeedbackEventTypes.sentimentMoved))[1]!.data).toMatchObject({ from: 'detractor', to: 'promoter', score: 9 });
  });

  it('F6: a customer who left afterwards adds to the damage of what they cited', async () => {
    await t.customerEvent(CustomerEventTypes.lost, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', closedAt: iso(20) });
    await until(async () => {
      const issues = await t.http().get('/api/v1/feedback/issues').set('authorization', t.as('manager-max', 'manager'));
      return issues.body.issues?.[0]?.lostShare === 1;
    }, 10_000, 'the loss counted');
    const issues = await t.http().get('/api/v1/feedback/issues').set('authorization', t.as('manager-max', 'manager')).expect(200);
    expect(issues.body.issues).toEqual([expect.objectContaining({ category: 'price', responses: 1, frequency: 0.5, lostShare: 1 })]);
  });
});
