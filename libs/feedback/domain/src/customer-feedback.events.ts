import type { DomainEvent } from '@rapport/platform-eventsourcing';
import type { NpsCategory } from './nps';

/** F4: what asked for a survey. */
export type SurveyTrigger = 'purchase' | 'complaint-resolved' | 'relationship' | 'manual';
export type SurveyChannel = 'email' | 'sms' | 'web' | 'external';
/** F2: why the customer answered as they did. */
export type WhyCategory = 'product-performance' | 'price' | 'service';
export const WHY_CATEGORIES: readonly WhyCategory[] = ['product-performance', 'price', 'service'];
/** F3: the steps a follow-up needs before it may close. */
export type LoopStep = 'contact' | 'root-cause' | 'fix' | 'customer-informed';
export const LOOP_STEPS: readonly LoopStep[] = ['contact', 'root-cause', 'fix', 'customer-informed'];
export type ThrottleReason = 'surveyed-recently' | 'survey-in-progress';

/** F4: a trigger was noted; a timer will ask for the survey at `dueAt`. `triggerRef` (purchase id …) makes it idempotent. */
export type SurveyTriggerScheduled = DomainEvent<
  'feedback.survey-trigger-scheduled.v1',
  { readonly customerId: string; readonly trigger: Exclude<SurveyTrigger, 'manual'>; readonly triggerRef: string; readonly dueAt: string; readonly at: string }
>;
export type SurveyRequested = DomainEvent<
  'feedback.survey-requested.v1',
  {
    readonly surveyId: string;
    readonly customerId: string;
    readonly trigger: SurveyTrigger;
    readonly triggerRef: string | null;
    readonly definitionId: string;
    readonly definitionVersion: number;
    readonly channel: SurveyChannel;
    readonly requestedAt: string;
  }
>;
/** F4: dropped, not queued, with the reason and when the customer may be asked again. */
export type SurveyThrottled = DomainEvent<
  'feedback.survey-throttled.v1',
  {
    readonly surveyId: string;
    readonly customerId: string;
    readonly reason: ThrottleReason;
    readonly lastSurveyedAt: string;
    readonly allowedFrom: string;
    readonly throttledAt: string;
    readonly policyVersion: string;
  }
>;
/** The answer link's token is derived from these facts when published (never stored). */
export type SurveySent = DomainEvent<
  'feedback.survey-sent.v1',
  {
    readonly surveyId: string;
    readonly customerId: string;
    readonly channel: SurveyChannel;
    readonly definitionId: string;
    readonly definitionVersion: number;
    readonly sentAt: string;
    readonly expiresAt: string;
  }
>;
export type SurveyAnswered = DomainEvent<
  'feedback.survey-answered.v1',
  {
    readonly surveyId: string;
    readonly customerId: string;
    readonly score: number;
    readonly category: NpsCategory;
    /** Personal data (A5): sealed with the customer's key. */
    readonly comment: string | null;
    readonly categories: readonly WhyCategory[];
    /** Optional questions (F5: how we compare with competitors …) by question id; personal data. */
    readonly answers: Readonly<Record<string, string>>;
    readonly definitionId: string;
    readonly definitionVersion: number;
    readonly via: 'link' | 'topic';
    readonly answeredAt: string;
  }
>;
export type SurveyExpired = DomainEvent<'feedback.survey-expired.v1', { readonly surveyId: string; readonly customerId: string; readonly expiredAt: string }>;
/** F7: the customer crossed the detractor line (either way); the first answer counts as a move from nothing. */
export type SentimentMoved = DomainEvent<
  'feedback.sentiment-moved.v1',
  { readonly customerId: string; readonly surveyId: string; readonly from: NpsCategory | null; readonly to: NpsCategory; readonly score: number; readonly movedAt: string }
>;
/** F3: a detractor's answer opens a follow-up owned by the customer's owner. */
export type LoopOpened = DomainEvent<
  'feedback.loop-opened.v1',
  {
    readonly loopId: string;
    readonly customerId: string;
    readonly surveyId: string;
    readonly ownerId: string | null;
    readonly score: number;
    readonly categories: readonly WhyCategory[];
    readonly openedAt: string;
    readonly dueAt: string;
    readonly policyVersion: string;
  }
>;
export type LoopStepRecorded = DomainEvent<
  'feedback.loop-step-recorded.v1',
  {
    readonly loopId: string;
    readonly customerId: string;
    readonly step: LoopStep;
    /** Personal data (A5): what was said, found or done. */
    readonly note: string | null;
    readonly recordedBy: string;
    readonly recordedAt: string;
  }
>;
export type LoopClosed = DomainEvent<
  'feedback.loop-closed.v1',
  { readonly loopId: string; readonly customerId: string; readonly closedBy: string; readonly closedAt: string; readonly onTime: boolean }
>;
/** F3: overdue: the owner's manager (as the directory says now) is told. */
export type LoopEscalated = DomainEvent<
  'feedback.loop-escalated.v1',
  { readonly loopId: string; readonly customerId: string; readonly ownerId: string | null; readonly managerId: string | null; readonly dueAt: string; readonly escalatedAt: string }
>;

/** F3 (C3, D2): the customer changed owner; her open follow-ups move with her. */
export type LoopReassigned = DomainEvent<
  'feedback.loop-reassigned.v1',
  { readonly loopId: string; readonly customerId: string; readonly previousOwnerId: string | null; readonly ownerId: string; readonly reassignedAt: string }
>;

export type CustomerFeedbackEvent =
  | SurveyTriggerScheduled
  | SurveyRequested
  | SurveyThrottled
  | SurveySent
  | SurveyAnswered
  | SurveyExpired
  | SentimentMoved
  | LoopOpened
  | LoopStepRecorded
  | LoopClosed
  | LoopEscalated
  | LoopReassigned;

/** One stream per customer: F4 throttling and the F3 loop are decided against everything the customer was asked. */
export const FEEDBACK_STREAM_PREFIX = 'feedback-';
export const feedbackStreamId = (customerId: string): string => `${FEEDBACK_STREAM_PREFIX}${customerId}`;
/** One follow-up per detractor answer. */
export const loopIdOf = (surveyId: string): string => `loop-${surveyId}`;
