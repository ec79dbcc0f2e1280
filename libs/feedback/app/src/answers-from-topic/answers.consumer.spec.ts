import { deadLetterTopic, type DeadLetter, type OutgoingMessage } from '@rapport/platform-messaging';
import { until } from '@rapport/platform-testing';
import { CustomerEventTypes } from '@rapport/customers-contracts';
import { FEEDBACK_ANSWERS_TOPIC, FeedbackInboundTypes, type AnswerSubmittedV1 } from '@rapport/feedback-contracts';
import { signAnswerToken } from '@rapport/feedback-domain';
import { startFeedbackTestApp, START, type FeedbackTestApp } from '../testing/feedback-test-app';

describe('answers from an external survey tool on rapport.feedback.answers.v1 (F4)', () => {
  let t: FeedbackTestApp;
  let surveyId: string;
  let token: string;
  let sequence = 0;
  const submit = (data: unknown, id = `tool-${++sequence}`): Promise<void> => {
    const message: OutgoingMessage = {
      topic: FEEDBACK_ANSWERS_TOPIC,
      key: 'c-1',
      event: { specversion: '1.0', id, source: '/integrators/survey-tool', type: FeedbackInboundTypes.answerSubmitted, subject: 'c-1', time: START.toISOString(), datacontenttype: 'application/json', data },
    };
    return t.bus.publish([message]);
  };
  const deadLetters = async (): Promise<DeadLetter[]> => (await t.bus.read(deadLetterTopic(FEEDBACK_ANSWERS_TOPIC), 0, 1_000)).map((m) => m.event.data as DeadLetter);
  const answered = async (): Promise<number> => (await t.all()).filter((e) => e.type === 'feedback.survey-answered.v1').length;

  beforeAll(async () => {
    t = await startFeedbackTestApp();
    await t.customerEvent(CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'c-1', registeredAt: START.toISOString() });
    await t.knows('c-1', 'rep-ana');
    surveyId = (await t.http().post('/api/v1/feedback/customers/c-1/surveys').set('authorization', t.as('rep-ana', 'rep')).send({}).expect(200)).body.surveyId;
    token = (await t.sent(surveyId)).answerToken;
  });
  afterAll(async () => t?.close());

  it('F4: a forged token or an invalid answer is dead-lettered with the reason, and nothing is stored', async () => {
    await submit({ token: signAnswerToken({ surveyId, customerId: 'c-1', expiresAt: '2099-01-01T00:00:00.000Z' }, 'a-guess-at-the-secret-0123456789abcdef'), score: 9 });
    await submit({ token, score: 11 });
    await until(async () => (await deadLetters()).length === 2, 10_000, 'two dead letters');
    expect((await deadLetters()).map((d) => d.reason)).toEqual([expect.stringContaining('answer-token-invalid'), expect.stringContaining('score must be an integer')]);
    expect(await answered()).toBe(0);
  });

  it('F4: an answer with its token is taken once; a redelivered copy changes nothing, another answer is dead-lettered', async () => {
    const data: AnswerSubmittedV1 = { token, score: 10, categories: ['product-performance'], answers: { competitors: 'better' } };
    await submit(data, 'tool-answer-1');
    await submit(data, 'tool-answer-1');
    await submit({ ...data, score: 2 });
    await until(async () => (await deadLetters()).length === 3, 10_000, 'the second answer refused');
    expect((await deadLetters())[2]!.reason).toContain('survey-already-answered');
    const stored = (await t.all()).filter((e) => e.type === 'feedback.survey-answered.v1');
    expect(stored.map((e) => [e.data, e.metadata.via])).toEqual([[expect.objectContaining({ surveyId, score: 10, via: 'topic' }), 'topic']]);
  });
});
