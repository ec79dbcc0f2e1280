import { STORAGE, type Storage } from '@rapport/platform-nest';
import { CustomerEventTypes } from '@rapport/customers-contracts';
import { startFeedbackTestApp, START, type FeedbackTestApp } from '../testing/feedback-test-app';

describe("what a customer wrote is personal data (A5 for F2, F3)", () => {
  let t: FeedbackTestApp;
  let rep: string;
  let loop: string;
  beforeAll(async () => {
    t = await startFeedbackTestApp();
    rep = t.as('rep-ana', 'rep');
    await t.customerEvent(CustomerEventTypes.registered, 'c-9', { customerId: 'c-9', ownerId: 'rep-ana', displayName: 'c-9', registeredAt: START.toISOString() });
    await t.knows('c-9', 'rep-ana');
    const surveyId = (await t.http().post('/api/v1/feedback/customers/c-9/surveys').set('authorization', rep).send({}).expect(200)).body.surveyId as string;
    const sent = await t.sent(surveyId);
    await t.http().post(sent.answerPath).send({ token: sent.answerToken, score: 2, comment: 'my husband hated it', answers: { competitors: 'worse' } }).expect(200);
    loop = `loop-${surveyId}`;
    await t.http().post(`/api/v1/feedback/loops/${loop}/steps`).set('authorization', rep).send({ step: 'contact', note: 'called her at home' }).expect(200);
  });
  afterAll(async () => t?.close());

  it('A5: erasing the customer leaves the follow-up, its score and the NPS, and removes her comment, answers and the notes about her', async () => {
    const before = await t.http().get(`/api/v1/feedback/loops/${loop}`).set('authorization', rep).expect(200);
    expect(before.body.answer).toMatchObject({ score: 2, comment: 'my husband hated it', answers: { competitors: 'worse' } });

    await (await t.app.get<Storage>(STORAGE).erasure()).erase('c-9', t.clock.now());

    const after = await t.http().get(`/api/v1/feedback/loops/${loop}`).set('authorization', rep).expect(200);
    expect(after.body).toMatchObject({ customerId: 'c-9', score: 2, answer: { score: 2, comment: null, answers: null }, stepNotes: [{ step: 'contact', note: null }] });
    const board = await t.http().get('/api/v1/feedback/nps').set('authorization', rep).expect(200);
    expect(board.body.overall).toMatchObject({ count: 1, nps: -100 });
  });
});
