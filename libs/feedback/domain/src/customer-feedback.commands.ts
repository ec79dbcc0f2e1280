import type { FeedbackPolicy } from './feedback.policy';
import type { LoopStep, SurveyChannel, SurveyTrigger, WhyCategory } from './customer-feedback.events';

/** Time and ids arrive in the command; so does the policy in force. */
export interface ScheduleSurveyTrigger {
  readonly type: 'schedule-survey-trigger';
  readonly customerId: string;
  readonly trigger: Exclude<SurveyTrigger, 'manual'>;
  readonly triggerRef: string;
  /** When the trigger happened (purchase time …); the survey is due the policy's days later. */
  readonly happenedAt: string;
  readonly policy: FeedbackPolicy;
  readonly now: Date;
}

export interface RequestSurvey {
  readonly type: 'request-survey';
  readonly surveyId: string;
  readonly customerId: string;
  readonly trigger: SurveyTrigger;
  readonly triggerRef: string | null;
  readonly definition: { readonly id: string; readonly version: number };
  readonly channel: SurveyChannel;
  readonly policy: FeedbackPolicy;
  readonly now: Date;
}

export interface AnswerSurvey {
  readonly type: 'answer-survey';
  readonly surveyId: string;
  readonly customerId: string;
  readonly score: number;
  readonly comment: string | null;
  readonly categories: readonly WhyCategory[];
  readonly answers: Readonly<Record<string, string>>;
  readonly via: 'link' | 'topic';
  /** The customer's owner as feedback's copy of the customers topic says now (F3). */
  readonly ownerId: string | null;
  readonly policy: FeedbackPolicy;
  readonly now: Date;
}

export interface ExpireSurvey {
  readonly type: 'expire-survey';
  readonly customerId: string;
  readonly surveyId: string;
  readonly now: Date;
}

export interface RecordLoopStep {
  readonly type: 'record-loop-step';
  readonly customerId: string;
  readonly loopId: string;
  readonly step: LoopStep;
  readonly note: string | null;
  readonly by: string;
  readonly now: Date;
}

export interface CloseLoop {
  readonly type: 'close-loop';
  readonly customerId: string;
  readonly loopId: string;
  readonly by: string;
  readonly now: Date;
}

export interface EscalateLoop {
  readonly type: 'escalate-loop';
  readonly customerId: string;
  readonly loopId: string;
  /** The owner's manager, as the directory says at this moment (D1). */
  readonly managerId: string | null;
  readonly now: Date;
}

/** The customer's owner as the customers topic says now (C3 transfer, C4 reclaim, D2 a rep left). */
export interface ReassignLoops {
  readonly type: 'reassign-loops';
  readonly customerId: string;
  readonly ownerId: string;
  readonly now: Date;
}

export type CustomerFeedbackCommand = ScheduleSurveyTrigger | RequestSurvey | AnswerSurvey | ExpireSurvey | RecordLoopStep | CloseLoop | EscalateLoop | ReassignLoops;
