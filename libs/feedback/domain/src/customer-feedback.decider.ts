import { DomainError, notFound, type Decider } from '@rapport/platform-eventsourcing';
import type {
  AnswerSurvey,
  CloseLoop,
  CustomerFeedbackCommand,
  EscalateLoop,
  ExpireSurvey,
  ReassignLoops,
  RecordLoopStep,
  RequestSurvey,
  ScheduleSurveyTrigger,
} from './customer-feedback.commands';
import { LOOP_STEPS, loopIdOf, WHY_CATEGORIES, type CustomerFeedbackEvent, type LoopStep } from './customer-feedback.events';
import { evolveCustomerFeedback, initialCustomerFeedbackState, type CustomerFeedbackState, type LoopRecord, type SurveyRecord } from './customer-feedback.state';
import { addDays, HOUR_MS } from './feedback.policy';
import { classify, isScore } from './nps';

/** F4: when each trigger asks for its survey. */
function decideScheduleTrigger(c: ScheduleSurveyTrigger, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  if (s.triggers.includes(c.triggerRef)) return [];
  const delay = c.trigger === 'purchase' ? c.policy.afterPurchaseDays : c.trigger === 'complaint-resolved' ? c.policy.afterComplaintResolvedDays : 0;
  const dueAt = addDays(c.happenedAt, delay);
  return [{ type: 'feedback.survey-trigger-scheduled.v1', data: { customerId: c.customerId, trigger: c.trigger, triggerRef: c.triggerRef, dueAt, at: c.now.toISOString() } }];
}

/**
 * F4: at most one survey per customer per `throttleDays`, across all channels (keyed on the customer, not the
 * address), and never while one is waiting for an answer. A throttled survey is dropped with its reason, not queued.
 */
function decideRequest(c: RequestSurvey, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  if (s.surveys[c.surveyId]) return [];
  const at = c.now.toISOString();
  const requested: CustomerFeedbackEvent = {
    type: 'feedback.survey-requested.v1',
    data: {
      surveyId: c.surveyId,
      customerId: c.customerId,
      trigger: c.trigger,
      triggerRef: c.triggerRef,
      definitionId: c.definition.id,
      definitionVersion: c.definition.version,
      channel: c.channel,
      requestedAt: at,
    },
  };
  const pending = Object.values(s.surveys).some((survey) => survey.status === 'sent' && survey.expiresAt !== null && survey.expiresAt > at);
  const allowedFrom = s.lastSentAt === null ? null : addDays(s.lastSentAt, c.policy.throttleDays);
  if (s.lastSentAt !== null && allowedFrom !== null && (pending || at < allowedFrom)) {
    return [
      requested,
      {
        type: 'feedback.survey-throttled.v1',
        data: {
          surveyId: c.surveyId,
          customerId: c.customerId,
          reason: at < allowedFrom ? 'surveyed-recently' : 'survey-in-progress',
          lastSurveyedAt: s.lastSentAt,
          allowedFrom,
          throttledAt: at,
          policyVersion: c.policy.version,
        },
      },
    ];
  }
  return [
    requested,
    {
      type: 'feedback.survey-sent.v1',
      data: {
        surveyId: c.surveyId,
        customerId: c.customerId,
        channel: c.channel,
        definitionId: c.definition.id,
        definitionVersion: c.definition.version,
        sentAt: at,
        expiresAt: addDays(at, c.policy.answerWindowDays),
      },
    },
  ];
}

function answerable(c: { surveyId: string; now: Date }, s: CustomerFeedbackState): SurveyRecord {
  const survey = s.surveys[c.surveyId];
  const details = { surveyId: c.surveyId };
  if (!survey) throw notFound('survey', c.surveyId);
  if (survey.status === 'answered') throw new DomainError('conflict', 'survey-already-answered', `survey ${c.surveyId} was answered already: one answer per survey`, 'F4', details);
  if (survey.status === 'expired' || (survey.status === 'sent' && survey.expiresAt !== null && c.now.toISOString() >= survey.expiresAt)) {
    throw new DomainError('conflict', 'survey-expired', `survey ${c.surveyId} can no longer be answered`, 'F4', details);
  }
  if (survey.status !== 'sent') throw new DomainError('conflict', 'survey-not-sent', `survey ${c.surveyId} was ${survey.status}, not sent`, 'F4', details);
  return survey;
}

/** F1, F2, F3, F7: an answer is classified; a detractor opens a follow-up for the owner; crossing the detractor line is an event. */
function decideAnswer(c: AnswerSurvey, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  if (!isScore(c.score)) throw new DomainError('rule_violation', 'invalid-score', 'score must be an integer from 0 to 10', 'F1', { field: 'score' });
  const unknown = c.categories.filter((category) => !WHY_CATEGORIES.includes(category));
  if (unknown.length > 0) throw new DomainError('rule_violation', 'invalid-category', `unknown categories: ${unknown.join(', ')}`, 'F2', { field: 'categories' });
  const survey = answerable(c, s);
  const at = c.now.toISOString();
  const category = classify(c.score);
  const events: CustomerFeedbackEvent[] = [
    {
      type: 'feedback.survey-answered.v1',
      data: {
        surveyId: c.surveyId,
        customerId: c.customerId,
        score: c.score,
        category,
        comment: c.comment,
        categories: [...new Set(c.categories)],
        answers: c.answers,
        definitionId: survey.definitionId,
        definitionVersion: survey.definitionVersion,
        via: c.via,
        answeredAt: at,
      },
    },
  ];
  const wasDetractor = s.sentiment === 'detractor';
  const isDetractor = category === 'detractor';
  if (isDetractor !== wasDetractor && !(s.sentiment === null && !isDetractor)) {
    events.push({ type: 'feedback.sentiment-moved.v1', data: { customerId: c.customerId, surveyId: c.surveyId, from: s.sentiment, to: category, score: c.score, movedAt: at } });
  }
  if (isDetractor) {
    events.push({
      type: 'feedback.loop-opened.v1',
      data: {
        loopId: loopIdOf(c.surveyId),
        customerId: c.customerId,
        surveyId: c.surveyId,
        ownerId: c.ownerId,
        score: c.score,
        categories: [...new Set(c.categories)],
        openedAt: at,
        dueAt: new Date(c.now.getTime() + c.policy.loopDueHours * HOUR_MS).toISOString(),
        policyVersion: c.policy.version,
      },
    });
  }
  return events;
}

function decideExpire(c: ExpireSurvey, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  const survey = s.surveys[c.surveyId];
  if (!survey || survey.status !== 'sent' || survey.expiresAt === null || c.now.toISOString() < survey.expiresAt) return [];
  return [{ type: 'feedback.survey-expired.v1', data: { surveyId: c.surveyId, customerId: c.customerId, expiredAt: c.now.toISOString() } }];
}

function openLoop(loopId: string, s: CustomerFeedbackState): LoopRecord {
  const loop = s.loops[loopId];
  if (!loop) throw notFound('follow-up', loopId);
  if (loop.status === 'closed') throw new DomainError('conflict', 'loop-closed', `follow-up ${loopId} is closed`, 'F3', { loopId });
  return loop;
}

/** F3: each step is recorded once (a repeat changes nothing); steps never close the loop by themselves. */
function decideStep(c: RecordLoopStep, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  if (!LOOP_STEPS.includes(c.step)) throw new DomainError('rule_violation', 'invalid-step', `unknown step ${c.step}`, 'F3', { field: 'step' });
  const loop = openLoop(c.loopId, s);
  if (loop.steps.includes(c.step)) return [];
  return [
    { type: 'feedback.loop-step-recorded.v1', data: { loopId: c.loopId, customerId: c.customerId, step: c.step, note: c.note, recordedBy: c.by, recordedAt: c.now.toISOString() } },
  ];
}

export const missingSteps = (loop: Pick<LoopRecord, 'steps'>): LoopStep[] => LOOP_STEPS.filter((step) => !loop.steps.includes(step));

/** F3: a follow-up closes only when contact, root cause, fix and customer informed are all recorded. */
function decideClose(c: CloseLoop, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  const loop = s.loops[c.loopId];
  if (loop?.status === 'closed') return [];
  const open = openLoop(c.loopId, s);
  const missing = missingSteps(open);
  if (missing.length > 0) {
    throw new DomainError('rule_violation', 'loop-steps-missing', `the follow-up still needs: ${missing.join(', ')}`, 'F3', { loopId: c.loopId, missing });
  }
  const at = c.now.toISOString();
  return [{ type: 'feedback.loop-closed.v1', data: { loopId: c.loopId, customerId: c.customerId, closedBy: c.by, closedAt: at, onTime: at <= open.dueAt } }];
}

/** F3: an open follow-up past its due time escalates once to the owner's manager. */
function decideEscalate(c: EscalateLoop, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  const loop = s.loops[c.loopId];
  if (!loop || loop.status !== 'open' || loop.escalated || c.now.toISOString() < loop.dueAt) return [];
  return [
    {
      type: 'feedback.loop-escalated.v1',
      data: { loopId: c.loopId, customerId: c.customerId, ownerId: loop.ownerId, managerId: c.managerId, dueAt: loop.dueAt, escalatedAt: c.now.toISOString() },
    },
  ];
}

/** F3: a follow-up is owned by the customer's owner: when she changes owner, her open follow-ups move too. */
function decideReassign(c: ReassignLoops, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  const at = c.now.toISOString();
  return Object.entries(s.loops)
    .filter(([, loop]) => loop.status === 'open' && loop.ownerId !== c.ownerId)
    .map(([loopId, loop]) => ({
      type: 'feedback.loop-reassigned.v1' as const,
      data: { loopId, customerId: c.customerId, previousOwnerId: loop.ownerId, ownerId: c.ownerId, reassignedAt: at },
    }));
}

export function decideCustomerFeedback(c: CustomerFeedbackCommand, s: CustomerFeedbackState): CustomerFeedbackEvent[] {
  switch (c.type) {
    case 'schedule-survey-trigger':
      return decideScheduleTrigger(c, s);
    case 'request-survey':
      return decideRequest(c, s);
    case 'answer-survey':
      return decideAnswer(c, s);
    case 'expire-survey':
      return decideExpire(c, s);
    case 'record-loop-step':
      return decideStep(c, s);
    case 'close-loop':
      return decideClose(c, s);
    case 'escalate-loop':
      return decideEscalate(c, s);
    case 'reassign-loops':
      return decideReassign(c, s);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/** One stream per customer (`feedback-<customerId>`): surveys, sentiment and follow-ups. */
export const customerFeedbackDecider: Decider<CustomerFeedbackCommand, CustomerFeedbackEvent, CustomerFeedbackState> = {
  initialState: initialCustomerFeedbackState,
  decide: decideCustomerFeedback,
  evolve: evolveCustomerFeedback,
};
