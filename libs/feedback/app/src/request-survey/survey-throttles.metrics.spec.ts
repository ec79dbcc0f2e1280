import { CustomerEventTypes } from '@rapport/customers-contracts';
import type { CommandContext } from '@rapport/platform-eventsourcing';
import { START, startFeedbackTestApp, type FeedbackTestApp } from '../testing/feedback-test-app';
import { SurveyRequests } from './survey-requests';

describe('F4: survey throttles in /metrics (rapport_feedback_survey_throttles_total)', () => {
  let t: FeedbackTestApp;
  beforeAll(async () => {
    t = await startFeedbackTestApp();
    await t.person('rep-ana', 'manager-max');
    await t.customerEvent(CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'customer c-1', registeredAt: START.toISOString() });
    await t.knows('c-1', 'rep-ana');
  });
  afterAll(async () => t?.close());

  const metrics = async (): Promise<string> => (await t.http().get('/metrics').expect(200)).text as string;
  const throttles = async (): Promise<string[]> => (await metrics()).split('\n').filter((line) => line.startsWith('rapport_feedback_survey_throttles_total{'));

  it('F4: a survey dropped because the customer was asked recently is counted by reason and trigger, once per request', async () => {
    const rep = t.as('rep-ana', 'rep');
    const ask = (channel: string, key?: string) => {
      const call = t.http().post('/api/v1/feedback/customers/c-1/surveys').set('authorization', rep);
      return (key ? call.set('idempotency-key', key) : call).send({ channel }).expect(200);
    };
    expect((await ask('email')).body).toMatchObject({ status: 'sent' });
    expect(await throttles()).toEqual([]);

    expect((await ask('sms', 'second-ask-0001')).body).toMatchObject({ status: 'throttled', throttleReason: 'surveyed-recently' });
    // The client retries the same request: the same answer, no second throttle.
    expect((await ask('sms', 'second-ask-0001')).body).toMatchObject({ status: 'throttled', throttleReason: 'surveyed-recently' });

    expect(await throttles()).toEqual(['rapport_feedback_survey_throttles_total{reason="surveyed-recently",trigger="manual"} 1']);
    // Both requests were accepted commands: one wrote survey-sent, the other survey-throttled.
    expect(await metrics()).toContain('rapport_commands_total{service="feedback",command="request-survey",outcome="accepted"} 2');
  });

  it('F4: a trigger delivered twice (same command id) is answered from the store and counted once', async () => {
    const requests = t.app.get(SurveyRequests);
    const context: CommandContext = { commandId: 'survey-due/timer-7', actor: { id: 'scheduler', kind: 'timer', roles: ['system'] }, now: t.clock.now(), correlationId: 'timer-7', causationId: 'timer-7', via: 'timer' };
    const input = { surveyId: 'survey-of-purchase-p-7', customerId: 'c-1', trigger: 'purchase', triggerRef: 'p-7', channel: 'email' } as const;
    expect(await requests.request(input, context)).toMatchObject({ status: 'throttled', throttleReason: 'surveyed-recently' });
    expect(await requests.request(input, context)).toMatchObject({ status: 'throttled', throttleReason: 'surveyed-recently' });

    expect(await throttles()).toEqual([
      'rapport_feedback_survey_throttles_total{reason="surveyed-recently",trigger="manual"} 1',
      'rapport_feedback_survey_throttles_total{reason="surveyed-recently",trigger="purchase"} 1',
    ]);
    expect(await metrics()).toContain('rapport_commands_total{service="feedback",command="request-survey",outcome="duplicate"} 1');
  });
});
