import { DomainError } from '@rapport/platform-eventsourcing';
import { deciderSpec } from '@rapport/platform-testing';
import type { CustomerFeedbackCommand } from './customer-feedback.commands';
import { customerFeedbackDecider } from './customer-feedback.decider';
import type { CustomerFeedbackEvent } from './customer-feedback.events';
import { addDays, defaultFeedbackPolicy as policy } from './feedback.policy';

const spec = deciderSpec(customerFeedbackDecider);
const T0 = '2026-03-01T09:00:00.000Z';
const at = (days: number, hours = 0): Date => new Date(Date.parse(T0) + days * 86_400_000 + hours * 3_600_000);
const definition = { id: 'nps', version: 0 };

const request = (surveyId: string, now: Date, channel: 'email' | 'sms' = 'email'): CustomerFeedbackCommand => ({
  type: 'request-survey',
  surveyId,
  customerId: 'c-1',
  trigger: 'purchase',
  triggerRef: `p-${surveyId}`,
  definition,
  channel,
  policy,
  now,
});
const answer = (surveyId: string, score: number, now: Date, ownerId: string | null = 'rep-ana'): CustomerFeedbackCommand => ({
  type: 'answer-survey',
  surveyId,
  customerId: 'c-1',
  score,
  comment: 'slow delivery',
  categories: ['service'],
  answers: {},
  via: 'link',
  ownerId,
  policy,
  now,
});
const requested = (surveyId: string, now: Date, channel: 'email' | 'sms' = 'email'): CustomerFeedbackEvent => ({
  type: 'feedback.survey-requested.v1',
  data: { surveyId, customerId: 'c-1', trigger: 'purchase', triggerRef: `p-${surveyId}`, definitionId: 'nps', definitionVersion: 0, channel, requestedAt: now.toISOString() },
});
const sent = (surveyId: string, now: Date, channel: 'email' | 'sms' = 'email'): CustomerFeedbackEvent => ({
  type: 'feedback.survey-sent.v1',
  data: { surveyId, customerId: 'c-1', channel, definitionId: 'nps', definitionVersion: 0, sentAt: now.toISOString(), expiresAt: addDays(now.toISOString(), 14) },
});
/** The refusal a command meets after a history (undefined: none). */
const refusal = (history: readonly CustomerFeedbackEvent[], command: CustomerFeedbackCommand): DomainError | undefined => {
  try {
    customerFeedbackDecider.decide(command, history.reduce(customerFeedbackDecider.evolve, customerFeedbackDecider.initialState()));
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
};
/** The events of a survey sent at `day` and answered with `score` the day after, by running the decider. */
const answeredHistory = (surveyId: string, day: number, score: number, before: CustomerFeedbackEvent[] = []): CustomerFeedbackEvent[] => {
  const afterRequest = [...before, requested(surveyId, at(day)), sent(surveyId, at(day))];
  let state = afterRequest.reduce(customerFeedbackDecider.evolve, customerFeedbackDecider.initialState());
  const events = customerFeedbackDecider.decide(answer(surveyId, score, at(day + 1)), state);
  state = events.reduce(customerFeedbackDecider.evolve, state);
  return [...afterRequest, ...events];
};

describe('survey lifecycle (F4)', () => {
  it('F4: a requested survey goes out with an answer window', () => {
    spec.given([]).when(request('s-1', at(0))).then([requested('s-1', at(0)), sent('s-1', at(0))]);
  });

  it('F4: a second survey within 90 days is dropped, even on another channel, with the reason', () => {
    spec
      .given([requested('s-1', at(0)), sent('s-1', at(0))])
      .when(request('s-2', at(30), 'sms'))
      .then([
        requested('s-2', at(30), 'sms'),
        {
          type: 'feedback.survey-throttled.v1',
          data: { surveyId: 's-2', customerId: 'c-1', reason: 'surveyed-recently', lastSurveyedAt: T0, allowedFrom: at(90).toISOString(), throttledAt: at(30).toISOString(), policyVersion: policy.version },
        },
      ]);
  });

  it('F4: after 90 days the customer may be asked again', () => {
    spec
      .given([requested('s-1', at(0)), sent('s-1', at(0))])
      .when(request('s-2', at(90)))
      .then([requested('s-2', at(90)), sent('s-2', at(90))]);
  });

  it('F4: a throttled survey is dropped, not queued: it cannot be answered', () => {
    const history = [requested('s-1', at(0)), sent('s-1', at(0))];
    const throttled = customerFeedbackDecider.decide(request('s-2', at(1)), history.reduce(customerFeedbackDecider.evolve, customerFeedbackDecider.initialState()));
    spec.given([...history, ...throttled]).when(answer('s-2', 9, at(2))).thenThrows({ rule: 'F4', code: 'survey-not-sent' });
  });

  it('F4: the same request again (same survey id) changes nothing', () => {
    spec.given([requested('s-1', at(0)), sent('s-1', at(0))]).when(request('s-1', at(0))).then([]);
  });

  it('F4: a trigger asks for its survey 14 days after the purchase, once per purchase', () => {
    const command: CustomerFeedbackCommand = { type: 'schedule-survey-trigger', customerId: 'c-1', trigger: 'purchase', triggerRef: 'p-9', happenedAt: T0, policy, now: at(0) };
    const scheduled: CustomerFeedbackEvent = {
      type: 'feedback.survey-trigger-scheduled.v1',
      data: { customerId: 'c-1', trigger: 'purchase', triggerRef: 'p-9', dueAt: at(14).toISOString(), at: T0 },
    };
    spec.given([]).when(command).then([scheduled]);
    spec.given([scheduled]).when(command).then([]);
    spec
      .given([])
      .when({ ...command, trigger: 'complaint-resolved', triggerRef: 'K-1' })
      .thenState((s) => expect(s.triggers).toEqual(['K-1']));
    expect(customerFeedbackDecider.decide({ ...command, trigger: 'complaint-resolved', triggerRef: 'K-1' }, customerFeedbackDecider.initialState())[0]).toMatchObject({ data: { dueAt: at(7).toISOString() } });
  });

  it('F4: an unanswered survey expires at the end of its window, and cannot be answered after', () => {
    const history = [requested('s-1', at(0)), sent('s-1', at(0))];
    spec.given(history).when({ type: 'expire-survey', customerId: 'c-1', surveyId: 's-1', now: at(13) }).then([]);
    const expired: CustomerFeedbackEvent = { type: 'feedback.survey-expired.v1', data: { surveyId: 's-1', customerId: 'c-1', expiredAt: at(14).toISOString() } };
    spec.given(history).when({ type: 'expire-survey', customerId: 'c-1', surveyId: 's-1', now: at(14) }).then([expired]);
    spec.given([...history, expired]).when(answer('s-1', 9, at(15))).thenThrows({ code: 'survey-expired' });
    spec.given(history).when(answer('s-1', 9, at(14))).thenThrows({ code: 'survey-expired' });
  });

  it('F4: one answer per survey', () => {
    spec.given(answeredHistory('s-1', 0, 9)).when(answer('s-1', 10, at(2))).thenThrows({ code: 'survey-already-answered' });
  });

  it('F1: a score outside 0–10 or not an integer is refused, naming the field', () => {
    const history = [requested('s-1', at(0)), sent('s-1', at(0))];
    for (const score of [-1, 11, 7.5, Number.NaN]) {
      spec.given(history).when(answer('s-1', score, at(1))).thenThrows({ rule: 'F1', code: 'invalid-score' });
      expect(refusal([...history], answer('s-1', score, at(1)))?.details).toEqual({ field: 'score' });
    }
  });
});

describe('closed loop (F3) and sentiment (F7)', () => {
  it('F1, F3: a detractor answer opens a follow-up owned by the customer\'s owner, due in 48 hours', () => {
    const history = [requested('s-1', at(0)), sent('s-1', at(0))];
    spec
      .given(history)
      .when(answer('s-1', 3, at(1)))
      .then([
        {
          type: 'feedback.survey-answered.v1',
          data: { surveyId: 's-1', customerId: 'c-1', score: 3, category: 'detractor', comment: 'slow delivery', categories: ['service'], answers: {}, definitionId: 'nps', definitionVersion: 0, via: 'link', answeredAt: at(1).toISOString() },
        },
        { type: 'feedback.sentiment-moved.v1', data: { customerId: 'c-1', surveyId: 's-1', from: null, to: 'detractor', score: 3, movedAt: at(1).toISOString() } },
        {
          type: 'feedback.loop-opened.v1',
          data: { loopId: 'loop-s-1', customerId: 'c-1', surveyId: 's-1', ownerId: 'rep-ana', score: 3, categories: ['service'], openedAt: at(1).toISOString(), dueAt: at(1, 48).toISOString(), policyVersion: policy.version },
        },
      ]);
  });

  it('F1, F3: a passive or a promoter opens no follow-up', () => {
    expect(answeredHistory('s-1', 0, 7).map((e) => e.type)).toEqual(['feedback.survey-requested.v1', 'feedback.survey-sent.v1', 'feedback.survey-answered.v1']);
    expect(answeredHistory('s-1', 0, 10).map((e) => e.type)).not.toContain('feedback.loop-opened.v1');
  });

  const opened = answeredHistory('s-1', 0, 2);
  const step = (s: 'contact' | 'root-cause' | 'fix' | 'customer-informed', now = at(1, 2)): CustomerFeedbackCommand => ({
    type: 'record-loop-step',
    customerId: 'c-1',
    loopId: 'loop-s-1',
    step: s,
    note: null,
    by: 'rep-ana',
    now,
  });
  const recorded = (s: 'contact' | 'root-cause' | 'fix' | 'customer-informed'): CustomerFeedbackEvent => ({
    type: 'feedback.loop-step-recorded.v1',
    data: { loopId: 'loop-s-1', customerId: 'c-1', step: s, note: null, recordedBy: 'rep-ana', recordedAt: at(1, 2).toISOString() },
  });
  const close: CustomerFeedbackCommand = { type: 'close-loop', customerId: 'c-1', loopId: 'loop-s-1', by: 'rep-ana', now: at(1, 3) };

  it('F3: the follow-up closes only when contact, root cause, fix and customer informed are all recorded', () => {
    spec.given(opened).when(close).thenThrows({ rule: 'F3', code: 'loop-steps-missing' });
    expect(refusal([...opened, recorded('contact'), recorded('root-cause'), recorded('fix')], close)?.details).toMatchObject({ missing: ['customer-informed'] });
    spec
      .given([...opened, recorded('contact'), recorded('root-cause'), recorded('fix'), recorded('customer-informed')])
      .when(close)
      .then([{ type: 'feedback.loop-closed.v1', data: { loopId: 'loop-s-1', customerId: 'c-1', closedBy: 'rep-ana', closedAt: at(1, 3).toISOString(), onTime: true } }]);
  });

  it('F3: steps are recorded once each and never close the follow-up by themselves', () => {
    spec.given(opened).when(step('contact')).then([recorded('contact')]);
    spec.given([...opened, recorded('contact')]).when(step('contact')).then([]);
    spec
      .given([...opened, recorded('contact'), recorded('root-cause'), recorded('fix')])
      .when(step('customer-informed'))
      .thenState((s) => expect(s.loops['loop-s-1']?.status).toBe('open'));
  });

  it("F3: an overdue follow-up escalates once to the owner's manager; one on time does not", () => {
    const escalate = (now: Date): CustomerFeedbackCommand => ({ type: 'escalate-loop', customerId: 'c-1', loopId: 'loop-s-1', managerId: 'manager-max', now });
    spec.given(opened).when(escalate(at(2))).then([]);
    const escalated: CustomerFeedbackEvent = {
      type: 'feedback.loop-escalated.v1',
      data: { loopId: 'loop-s-1', customerId: 'c-1', ownerId: 'rep-ana', managerId: 'manager-max', dueAt: at(1, 48).toISOString(), escalatedAt: at(3, 1).toISOString() },
    };
    spec.given(opened).when(escalate(at(3, 1))).then([escalated]);
    spec.given([...opened, escalated]).when(escalate(at(4))).then([]);
  });

  it('F3: a closed follow-up takes no more steps and does not escalate', () => {
    const steps = [...opened, recorded('contact'), recorded('root-cause'), recorded('fix'), recorded('customer-informed')];
    const done = [...steps, ...customerFeedbackDecider.decide(close, steps.reduce(customerFeedbackDecider.evolve, customerFeedbackDecider.initialState()))];
    spec.given(done).when(step('fix')).thenThrows({ code: 'loop-closed' });
    spec.given(done).when({ type: 'escalate-loop', customerId: 'c-1', loopId: 'loop-s-1', managerId: 'manager-max', now: at(9) }).then([]);
  });

  it("F3: when the customer changes owner, her open follow-ups move to the new owner; closed ones stay", () => {
    const reassign: CustomerFeedbackCommand = { type: 'reassign-loops', customerId: 'c-1', ownerId: 'rep-ben', now: at(2) };
    spec
      .given(opened)
      .when(reassign)
      .then([{ type: 'feedback.loop-reassigned.v1', data: { loopId: 'loop-s-1', customerId: 'c-1', previousOwnerId: 'rep-ana', ownerId: 'rep-ben', reassignedAt: at(2).toISOString() } }]);
    spec.given(opened).when({ ...reassign, ownerId: 'rep-ana' }).then([]);
    const steps = [...opened, recorded('contact'), recorded('root-cause'), recorded('fix'), recorded('customer-informed')];
    const closed = [...steps, ...customerFeedbackDecider.decide(close, steps.reduce(customerFeedbackDecider.evolve, customerFeedbackDecider.initialState()))];
    spec.given(closed).when(reassign).then([]);
  });

  it('F7: promoter → detractor → passive are moves across the detractor line, published as events', () => {
    const first = answeredHistory('s-1', 0, 10);
    expect(first.map((e) => e.type)).not.toContain('feedback.sentiment-moved.v1');
    const second = answeredHistory('s-2', 100, 4, first);
    expect(second.filter((e) => e.type === 'feedback.sentiment-moved.v1').map((e) => e.data)).toEqual([
      { customerId: 'c-1', surveyId: 's-2', from: 'promoter', to: 'detractor', score: 4, movedAt: at(101).toISOString() },
    ]);
    const third = answeredHistory('s-3', 200, 8, second);
    expect(third.filter((e) => e.type === 'feedback.sentiment-moved.v1').map((e) => [e.data.from, e.data.to])).toEqual([
      ['promoter', 'detractor'],
      ['detractor', 'passive'],
    ]);
  });

  it('F7: promoter → passive stays on the same side of the line: no move event', () => {
    const history = answeredHistory('s-2', 100, 8, answeredHistory('s-1', 0, 9));
    expect(history.filter((e) => e.type === 'feedback.sentiment-moved.v1')).toEqual([]);
  });
});
