import type { CustomerFeedbackEvent, LoopStep, SurveyTrigger } from './customer-feedback.events';
import type { NpsCategory } from './nps';

export type SurveyStatus = 'requested' | 'throttled' | 'sent' | 'answered' | 'expired';

export interface SurveyRecord {
  readonly status: SurveyStatus;
  readonly trigger: SurveyTrigger;
  readonly definitionId: string;
  readonly definitionVersion: number;
  readonly sentAt: string | null;
  readonly expiresAt: string | null;
}

export interface LoopRecord {
  readonly status: 'open' | 'closed';
  readonly surveyId: string;
  readonly ownerId: string | null;
  readonly dueAt: string;
  readonly steps: readonly LoopStep[];
  readonly escalated: boolean;
}

export interface CustomerFeedbackState {
  readonly customerId: string | null;
  readonly surveys: Readonly<Record<string, SurveyRecord>>;
  /** F4: the last time a survey went out, on any channel. */
  readonly lastSentAt: string | null;
  /** F7: the category of the latest answer. */
  readonly sentiment: NpsCategory | null;
  readonly loops: Readonly<Record<string, LoopRecord>>;
  readonly triggers: readonly string[];
}

export const initialCustomerFeedbackState = (): CustomerFeedbackState => ({ customerId: null, surveys: {}, lastSentAt: null, sentiment: null, loops: {}, triggers: [] });

const withSurvey = (s: CustomerFeedbackState, surveyId: string, change: Partial<SurveyRecord>): CustomerFeedbackState => {
  const before = s.surveys[surveyId];
  return before ? { ...s, surveys: { ...s.surveys, [surveyId]: { ...before, ...change } } } : s;
};
const withLoop = (s: CustomerFeedbackState, loopId: string, change: (loop: LoopRecord) => Partial<LoopRecord>): CustomerFeedbackState => {
  const before = s.loops[loopId];
  return before ? { ...s, loops: { ...s.loops, [loopId]: { ...before, ...change(before) } } } : s;
};

export function evolveCustomerFeedback(s: CustomerFeedbackState, event: CustomerFeedbackEvent): CustomerFeedbackState {
  switch (event.type) {
    case 'feedback.survey-trigger-scheduled.v1':
      return { ...s, customerId: event.data.customerId, triggers: [...s.triggers, event.data.triggerRef] };
    case 'feedback.survey-requested.v1': {
      const d = event.data;
      const survey: SurveyRecord = { status: 'requested', trigger: d.trigger, definitionId: d.definitionId, definitionVersion: d.definitionVersion, sentAt: null, expiresAt: null };
      return { ...s, customerId: d.customerId, surveys: { ...s.surveys, [d.surveyId]: survey } };
    }
    case 'feedback.survey-throttled.v1':
      return withSurvey(s, event.data.surveyId, { status: 'throttled' });
    case 'feedback.survey-sent.v1':
      return { ...withSurvey(s, event.data.surveyId, { status: 'sent', sentAt: event.data.sentAt, expiresAt: event.data.expiresAt }), lastSentAt: event.data.sentAt };
    case 'feedback.survey-answered.v1':
      return { ...withSurvey(s, event.data.surveyId, { status: 'answered' }), sentiment: event.data.category };
    case 'feedback.survey-expired.v1':
      return withSurvey(s, event.data.surveyId, { status: 'expired' });
    case 'feedback.sentiment-moved.v1':
      return s;
    case 'feedback.loop-opened.v1': {
      const d = event.data;
      return { ...s, loops: { ...s.loops, [d.loopId]: { status: 'open', surveyId: d.surveyId, ownerId: d.ownerId, dueAt: d.dueAt, steps: [], escalated: false } } };
    }
    case 'feedback.loop-step-recorded.v1': {
      const step = event.data.step;
      return withLoop(s, event.data.loopId, (loop) => ({ steps: loop.steps.includes(step) ? loop.steps : [...loop.steps, step] }));
    }
    case 'feedback.loop-closed.v1':
      return withLoop(s, event.data.loopId, () => ({ status: 'closed' }));
    case 'feedback.loop-escalated.v1':
      return withLoop(s, event.data.loopId, () => ({ escalated: true }));
    case 'feedback.loop-reassigned.v1':
      return withLoop(s, event.data.loopId, () => ({ ownerId: event.data.ownerId }));
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
