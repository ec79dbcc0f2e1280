import { CustomerEventTypes } from '@rapport/customers-contracts';
import { startFeedbackTestApp, START, type FeedbackTestApp } from '../testing/feedback-test-app';

const content = {
  npsQuestion: 'How likely are you to recommend us?',
  whyCategories: ['product-performance', 'price', 'service'],
  questions: [{ id: 'competitors', text: 'How do we compare with the others you use?', kind: 'choice', options: ['better', 'same', 'worse'], aboutCompetitors: true }],
  pilotSampleSize: 1,
};

describe('survey definitions over HTTP: versioned, piloted, released by a manager (F5)', () => {
  let t: FeedbackTestApp;
  let manager: string;
  beforeAll(async () => {
    t = await startFeedbackTestApp();
    manager = t.as('manager-max', 'manager');
    for (const id of ['c-1', 'c-2']) {
      await t.customerEvent(CustomerEventTypes.registered, id, { customerId: id, ownerId: 'rep-ana', displayName: id, registeredAt: START.toISOString() });
      await t.knows(id, 'rep-ana');
    }
  });
  afterAll(async () => t?.close());

  const ask = async (customerId: string): Promise<string> => (await t.http().post(`/api/v1/feedback/customers/${customerId}/surveys`).set('authorization', manager).send({}).expect(200)).body.surveyId;

  it('F5: the built-in questionnaire (version 0) asks how we compare with competitors', async () => {
    const definition = await t.http().get('/api/v1/feedback/survey-definitions/nps').set('authorization', manager).expect(200);
    expect(definition.body).toMatchObject({ definitionId: 'nps', released: 0, pilot: null });
    expect(definition.body.versions[0].content.questions[0]).toMatchObject({ aboutCompetitors: true });
  });

  it('F5: a rep may not pilot a version; invalid content is a 400 naming the field', async () => {
    expect((await t.http().post('/api/v1/feedback/survey-definitions/nps/versions').set('authorization', t.as('rep-ana', 'rep')).send(content)).status).toBe(403);
    const bad = await t.http().post('/api/v1/feedback/survey-definitions/nps/versions').set('authorization', manager).send({ ...content, pilotSampleSize: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('pilotSampleSize');
  });

  it('F5: a new version goes to its pilot sample first, and is released to all only after a manager saw pilot answers', async () => {
    const piloted = await t.http().post('/api/v1/feedback/survey-definitions/nps/versions').set('authorization', manager).send(content).expect(200);
    expect(piloted.body).toMatchObject({ released: 0, pilot: 1 });
    const pilotSurvey = await ask('c-1');
    const normalSurvey = await ask('c-2');
    const history = async (customerId: string) => (await t.http().get(`/api/v1/feedback/customers/${customerId}/history`).set('authorization', manager).expect(200)).body.surveys[0];
    expect(await history('c-1')).toMatchObject({ id: pilotSurvey, definitionVersion: 1 });
    expect(await history('c-2')).toMatchObject({ id: normalSurvey, definitionVersion: 0 });

    const early = await t.http().post('/api/v1/feedback/survey-definitions/nps/versions/1/release').set('authorization', manager);
    expect(early.status).toBe(422);
    expect(early.body.type).toMatch(/F5\/pilot-not-answered$/);

    const sent = await t.sent(pilotSurvey);
    await t.http().post(sent.answerPath).send({ token: sent.answerToken, score: 8, answers: { competitors: 'better' } }).expect(200);
    expect((await t.http().post('/api/v1/feedback/survey-definitions/nps/versions/1/release').set('authorization', t.as('rep-ana', 'rep'))).status).toBe(403);
    const released = await t.http().post('/api/v1/feedback/survey-definitions/nps/versions/1/release').set('authorization', manager).expect(200);
    expect(released.body).toMatchObject({ released: 1, pilot: null });
    expect(released.body.versions.find((v: { version: number }) => v.version === 1)).toMatchObject({ status: 'released', pilotAnswers: 1 });
  });

  it('F5: a version that is not in pilot cannot be released; odd ids and versions are a 400', async () => {
    expect((await t.http().post('/api/v1/feedback/survey-definitions/nps/versions/7/release').set('authorization', manager)).status).toBe(409);
    expect((await t.http().post('/api/v1/feedback/survey-definitions/nps/versions/0.5/release').set('authorization', manager)).status).toBe(400);
    expect((await t.http().post('/api/v1/feedback/survey-definitions/nps/versions/1e400/release').set('authorization', manager)).status).toBe(400);
    expect((await t.http().get('/api/v1/feedback/survey-definitions/%24%7B%7D').set('authorization', manager)).status).toBe(400);
  });
});
