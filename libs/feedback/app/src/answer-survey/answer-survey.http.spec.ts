import { CustomerEventTypes } from '@rapport/customers-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes } from '@rapport/feedback-contracts';
import { signAnswerToken } from '@rapport/feedback-domain';
import { startFeedbackTestApp, START, type FeedbackTestApp } from '../testing/feedback-test-app';

const PROBLEM = /application\/problem\+json/;

describe('the public answer endpoint (F1, F3, F4)', () => {
  let t: FeedbackTestApp;
  let rep: string;
  const register = async (customerId: string): Promise<void> => {
    await t.customerEvent(CustomerEventTypes.registered, customerId, { customerId, ownerId: 'rep-ana', displayName: `customer ${customerId}`, registeredAt: START.toISOString() });
    await t.knows(customerId, 'rep-ana');
  };
  const ask = async (customerId: string, channel = 'email'): Promise<{ surveyId: string; status: string; throttleReason: string | null }> =>
    (await t.http().post(`/api/v1/feedback/customers/${customerId}/surveys`).set('authorization', rep).send({ channel }).expect(200)).body;
  const answer = (surveyId: string, body: object) => t.http().post(`/api/v1/feedback/surveys/${surveyId}/answers`).send(body);
  const stored = async (): Promise<number> => (await t.all()).length;

  let survey: string;
  let token: string;
  let otherSurvey: string;
  let otherToken: string;

  beforeAll(async () => {
    t = await startFeedbackTestApp();
    rep = t.as('rep-ana', 'rep');
    await t.person('rep-ana', 'manager-max');
    await register('c-1');
    await register('c-2');
    survey = (await ask('c-1')).surveyId;
    token = (await t.sent(survey)).answerToken;
    otherSurvey = (await ask('c-2')).surveyId;
    otherToken = (await t.sent(otherSurvey)).answerToken;
  });
  afterAll(async () => t?.close());

  it('F4: survey-sent carries a signed answer link with ids and expiry only — no name, phone or email', async () => {
    const sent = await t.sent(survey);
    expect(sent).toMatchObject({ surveyId: survey, customerId: 'c-1', channel: 'email', answerPath: `/api/v1/feedback/surveys/${survey}/answers` });
    expect(JSON.stringify(sent)).not.toMatch(/customer c-1|@|\+\d/);
  });

  it('F4: a second survey within 90 days is dropped even on another channel, with the reason', async () => {
    const again = await ask('c-1', 'sms');
    expect(again).toMatchObject({ status: 'throttled', throttleReason: 'surveyed-recently' });
    const types = (await t.published(FEEDBACK_TOPIC)).map((m) => m.event.type);
    expect(types).toContain(FeedbackEventTypes.surveyThrottled);
  });

  it('F4: a forged token is a 403 problem+json and nothing is stored', async () => {
    const before = await stored();
    const forged = signAnswerToken({ surveyId: survey, customerId: 'c-1', expiresAt: '2099-01-01T00:00:00.000Z' }, 'not-the-service-secret-0123456789abcdef');
    for (const bad of [forged, `${token.slice(0, -2)}xx`, 'fb1.not-a-token.at-all']) {
      const response = await answer(survey, { token: bad, score: 9 });
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    expect(await stored()).toBe(before);
  });

  it("F4: another customer's token (another survey's) is a 403 and nothing is stored", async () => {
    const before = await stored();
    const response = await answer(survey, { token: otherToken, score: 9 });
    expect(response.status).toBe(403);
    expect(response.body.type).toMatch(/F4\/answer-token-not-for-this-survey$/);
    expect(await stored()).toBe(before);
  });

  it('F4: an expired token is a 4xx problem+json and nothing is stored', async () => {
    const before = await stored();
    const expired = signAnswerToken({ surveyId: survey, customerId: 'c-1', expiresAt: START.toISOString() }, t.secret);
    const response = await answer(survey, { token: expired, score: 9 });
    expect(response.status).toBe(409);
    expect(response.body.type).toMatch(/answer-token-expired$/);
    expect(await stored()).toBe(before);
  });

  it('F1, F2: a score outside 0–10 or not an integer is a 400 naming the field; so are unknown fields and a "why" category other than product performance, price or service', async () => {
    for (const score of [11, -1, 7.5, '9', null]) {
      const response = await answer(survey, { token, score });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['score']);
    }
    expect((await answer(survey, { token, score: 9, categories: ['weather'] })).body.errors[0].field).toBe('categories');
    expect((await answer(survey, { token, score: 9, answers: { competitors: 42 } })).body.errors[0].field).toBe('answers');
    expect((await answer(survey, { token, score: 9, customerId: 'c-2' })).status).toBe(400);
    const offQuestionnaire = await answer(survey, { token, score: 9, answers: { shoeSize: '42' } });
    expect(offQuestionnaire.status).toBe(422);
    expect(offQuestionnaire.body).toMatchObject({ rule: 'F5', field: 'answers.shoeSize' });
    expect((await answer(survey, { token, score: 9, answers: { competitors: 'meh' } })).body).toMatchObject({ field: 'answers.competitors' });
  });

  it('F1, F3: a detractor answer (3) with the token only is accepted, and opens a follow-up for the owner due in 48 h', async () => {
    const response = await answer(survey, { token, score: 3, comment: 'late twice', categories: ['service'], answers: { competitors: 'worse' } }).expect(200);
    expect(response.body).toEqual({ surveyId: survey, category: 'detractor', loopOpened: true });
    const queue = await t.http().get('/api/v1/feedback/detractors').set('authorization', rep).expect(200);
    expect(queue.body).toEqual([
      expect.objectContaining({ loopId: `loop-${survey}`, customerId: 'c-1', ownerId: 'rep-ana', score: 3, hoursLeft: 48, overdue: false, stepsMissing: ['contact', 'root-cause', 'fix', 'customer-informed'] }),
    ]);
    const published = (await t.published(FEEDBACK_TOPIC)).map((m) => m.event);
    expect(published.find((e) => e.type === FeedbackEventTypes.sentimentMoved)?.data).toMatchObject({ customerId: 'c-1', from: null, to: 'detractor', score: 3 });
    expect(JSON.stringify(published)).not.toContain('late twice');
  });

  it('F4: the same token again is refused (one answer per token) and nothing is stored', async () => {
    const before = await stored();
    const response = await answer(survey, { token, score: 10 });
    expect(response.status).toBe(409);
    expect(response.body.type).toMatch(/F4\/survey-already-answered$/);
    expect(await stored()).toBe(before);
  });

  it('F3: the follow-up cannot close before contact, root cause, fix and customer informed; then it can', async () => {
    const loop = `loop-${survey}`;
    const refused = await t.http().post(`/api/v1/feedback/loops/${loop}/close`).set('authorization', rep).expect(422);
    expect(refused.body).toMatchObject({ rule: 'F3', missing: ['contact', 'root-cause', 'fix', 'customer-informed'] });
    expect((await t.http().post(`/api/v1/feedback/loops/${loop}/steps`).set('authorization', t.as('rep-ben', 'rep')).send({ step: 'contact' })).status).toBe(403);
    for (const step of ['contact', 'root-cause', 'fix', 'customer-informed']) {
      await t.http().post(`/api/v1/feedback/loops/${loop}/steps`).set('authorization', rep).send({ step, note: `${step} done` }).expect(200);
    }
    const detail = await t.http().get(`/api/v1/feedback/loops/${loop}`).set('authorization', rep).expect(200);
    expect(detail.body).toMatchObject({ answer: { score: 3, comment: 'late twice', answers: { competitors: 'worse' } }, stepNotes: [{ step: 'contact', note: 'contact done', recordedBy: 'rep-ana' }, {}, {}, {}] });
    expect((await t.http().get(`/api/v1/feedback/loops/${loop}`).set('authorization', t.as('rep-ben', 'rep'))).status).toBe(403);
    const closed = await t.http().post(`/api/v1/feedback/loops/${loop}/close`).set('authorization', rep).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', stepsMissing: [], events: ['feedback.loop-closed.v1'] });
    expect((await t.http().get('/api/v1/feedback/detractors').set('authorization', rep).expect(200)).body).toEqual([]);
  });

  it('F1: the board shows the answer with its count and margin; a segment with no answers shows no NPS', async () => {
    const board = await t.http().get('/api/v1/feedback/nps?dimension=owner').set('authorization', rep).expect(200);
    expect(board.body.overall).toMatchObject({ count: 1, nps: -100, marginOfError: 0 });
    expect(board.body.segments).toEqual([expect.objectContaining({ value: 'rep-ana', count: 1, nps: -100 })]);
    const empty = await t.http().get('/api/v1/feedback/nps?month=2025-01').set('authorization', rep).expect(200);
    expect(empty.body.overall).toMatchObject({ count: 0, nps: null, marginOfError: null });
    expect((await t.http().get('/api/v1/feedback/nps?dimension=shoe-size').set('authorization', rep)).status).toBe(400);
    const pipeline = await t.http().get('/api/v1/feedback/pipeline').set('authorization', rep).expect(200);
    expect(pipeline.body).toEqual({ requested: 0, throttled: 1, sent: 1, answered: 1, expired: 0 });
  });

  it('F7: the customer history lists surveys and sentiment over time, without what the customer wrote', async () => {
    const history = await t.http().get('/api/v1/feedback/customers/c-1/history').set('authorization', rep).expect(200);
    expect(history.body.sentiment).toEqual([{ at: START.toISOString(), score: 3, category: 'detractor' }]);
    expect(history.body.surveys.map((s: { status: string }) => s.status).sort()).toEqual(['answered', 'throttled']);
    expect(JSON.stringify(history.body)).not.toContain('late twice');
  });

  it('F4: asking for a survey needs a bearer token; answering needs none', async () => {
    expect((await t.http().post('/api/v1/feedback/customers/c-1/surveys').send({})).status).toBe(401);
  });

  it("C3: a rep asks only their own customers; a customer feedback never heard of is a 404; odd input a 400", async () => {
    const refused = await t.http().post('/api/v1/feedback/customers/c-1/surveys').set('authorization', t.as('rep-ben', 'rep')).send({});
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect((await t.http().post('/api/v1/feedback/customers/c-404/surveys').set('authorization', rep).send({})).status).toBe(404);
    expect((await t.http().post('/api/v1/feedback/customers/c-1/surveys').set('authorization', rep).send({ channel: 'pigeon' })).status).toBe(400);
    expect((await t.http().post('/api/v1/feedback/customers/%20%3B/surveys').set('authorization', rep).send({})).status).toBe(400);
  });

  it('never a 5xx on odd input: no body, a body that is not an object, unknown routes of the service', async () => {
    const statuses = [
      (await t.http().post('/api/v1/feedback/customers/c-1/surveys').set('authorization', rep)).status,
      (await t.http().post('/api/v1/feedback/customers/c-1/surveys').set('authorization', rep).set('content-type', 'application/json').send('[]')).status,
      (await t.http().post(`/api/v1/feedback/surveys/${survey}/answers`)).status,
      (await t.http().post(`/api/v1/feedback/surveys/${survey}/answers`).set('content-type', 'application/json').send('null')).status,
      (await t.http().post(`/api/v1/feedback/surveys/${survey}/answers`).set('content-type', 'application/json').send('"fb1.a.b"')).status,
      (await t.http().post('/api/v1/feedback/loops/loop-x/steps').set('authorization', rep)).status,
      (await t.http().post('/api/v1/feedback/loops/loop-x/close').set('authorization', rep)).status,
      (await t.http().get('/api/v1/feedback/loops/loop-x').set('authorization', rep)).status,
    ];
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.slice(-2)).toEqual([404, 404]);
  });

  it('F4: the public endpoint is rate-limited per client: 429 problem+json', async () => {
    t.clock.advance(61_000);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await answer(otherSurvey, { token: 'fb1.guess.guess', score: 9 })).status);
    expect(statuses.slice(0, 20).every((s) => s === 403)).toBe(true);
    const limited = await answer(otherSurvey, { token: otherToken, score: 9 });
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    t.clock.advance(61_000);
    expect((await answer(otherSurvey, { token: otherToken, score: 9 })).status).toBe(200);
  });
});
