/**
 * Integration events of the feedback service (F1–F7), published on {@link FEEDBACK_TOPIC} as CloudEvents whose
 * subject and partition key are the customer id (one customer's feedback stays in order).
 * A public contract with other services and integrators: a change that breaks a consumer gets a new type version
 * published beside the old one, never an edit of `.v1`.
 * Payloads carry ids, scores, categories and dates. The one exception is the answer link's token in
 * `survey-sent`, which carries no personal data (survey id, customer id, expiry, signature) and is what an
 * integrator's mailer or SMS gateway sends the customer. Comments and notes stay inside (A5).
 */
export const FEEDBACK_TOPIC = 'rapport.feedback.v1';
export const FEEDBACK_SOURCE = '/rapport/feedback';

export const FeedbackEventTypes = {
  surveySent: 'rapport.feedback.survey-sent.v1',
  surveyThrottled: 'rapport.feedback.survey-throttled.v1',
  surveyAnswered: 'rapport.feedback.survey-answered.v1',
  surveyExpired: 'rapport.feedback.survey-expired.v1',
  sentimentMoved: 'rapport.feedback.sentiment-moved.v1',
  loopOpened: 'rapport.feedback.loop-opened.v1',
  loopStepRecorded: 'rapport.feedback.loop-step-recorded.v1',
  loopClosed: 'rapport.feedback.loop-closed.v1',
  loopEscalated: 'rapport.feedback.loop-escalated.v1',
} as const;
export type FeedbackEventTypeV1 = (typeof FeedbackEventTypes)[keyof typeof FeedbackEventTypes];

export type NpsCategoryV1 = 'promoter' | 'passive' | 'detractor';
export type WhyCategoryV1 = 'product-performance' | 'price' | 'service';
export type SurveyTriggerV1 = 'purchase' | 'complaint-resolved' | 'relationship' | 'manual';
export type SurveyChannelV1 = 'email' | 'sms' | 'web' | 'external';
export type LoopStepV1 = 'contact' | 'root-cause' | 'fix' | 'customer-informed';

/** F4: deliver this to the customer. `answerToken` is signed, single-use and expires at `expiresAt`. */
export interface SurveySentV1 {
  readonly surveyId: string;
  readonly customerId: string;
  readonly channel: SurveyChannelV1;
  readonly definitionId: string;
  readonly definitionVersion: number;
  readonly answerToken: string;
  /** Where the answer goes: POST with `{ token, score, … }` (no other credentials). */
  readonly answerPath: string;
  readonly sentAt: string;
  readonly expiresAt: string;
}

/** F4: dropped, not queued, with the reason and when the customer may be asked again. */
export interface SurveyThrottledV1 {
  readonly surveyId: string;
  readonly customerId: string;
  readonly reason: 'surveyed-recently' | 'survey-in-progress';
  readonly lastSurveyedAt: string;
  readonly allowedFrom: string;
  readonly throttledAt: string;
  readonly policyVersion: string;
}

/** F1, F2: the score, its category and the "why" categories; the comment stays inside (A5). */
export interface SurveyAnsweredV1 {
  readonly surveyId: string;
  readonly customerId: string;
  readonly score: number;
  readonly category: NpsCategoryV1;
  readonly categories: readonly WhyCategoryV1[];
  readonly hasComment: boolean;
  readonly definitionId: string;
  readonly definitionVersion: number;
  readonly answeredAt: string;
}

export interface SurveyExpiredV1 {
  readonly surveyId: string;
  readonly customerId: string;
  readonly expiredAt: string;
}

/** F7: the customer crossed the detractor line (G1 holds pitches on `to: detractor`; `from` null on a first answer). */
export interface SentimentMovedV1 {
  readonly customerId: string;
  readonly surveyId: string;
  readonly from: NpsCategoryV1 | null;
  readonly to: NpsCategoryV1;
  readonly score: number;
  readonly movedAt: string;
}

/** F3: a follow-up for the customer's owner, due at `dueAt`. */
export interface LoopOpenedV1 {
  readonly loopId: string;
  readonly customerId: string;
  readonly surveyId: string;
  readonly ownerId: string | null;
  readonly score: number;
  readonly categories: readonly WhyCategoryV1[];
  readonly openedAt: string;
  readonly dueAt: string;
}

/** F3 (and C5 for `contact`: the customers service may log it as a contact). No note (A5). */
export interface LoopStepRecordedV1 {
  readonly loopId: string;
  readonly customerId: string;
  readonly step: LoopStepV1;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface LoopClosedV1 {
  readonly loopId: string;
  readonly customerId: string;
  readonly closedBy: string;
  readonly closedAt: string;
  readonly onTime: boolean;
}

/** F3: overdue; the owner's manager as the directory said at that moment. */
export interface LoopEscalatedV1 {
  readonly loopId: string;
  readonly customerId: string;
  readonly ownerId: string | null;
  readonly managerId: string | null;
  readonly dueAt: string;
  readonly escalatedAt: string;
}

/** The type decides the payload. */
export interface FeedbackPayloadsV1 {
  readonly [FeedbackEventTypes.surveySent]: SurveySentV1;
  readonly [FeedbackEventTypes.surveyThrottled]: SurveyThrottledV1;
  readonly [FeedbackEventTypes.surveyAnswered]: SurveyAnsweredV1;
  readonly [FeedbackEventTypes.surveyExpired]: SurveyExpiredV1;
  readonly [FeedbackEventTypes.sentimentMoved]: SentimentMovedV1;
  readonly [FeedbackEventTypes.loopOpened]: LoopOpenedV1;
  readonly [FeedbackEventTypes.loopStepRecorded]: LoopStepRecordedV1;
  readonly [FeedbackEventTypes.loopClosed]: LoopClosedV1;
  readonly [FeedbackEventTypes.loopEscalated]: LoopEscalatedV1;
}

export type FeedbackIntegrationEvent = {
  readonly [T in FeedbackEventTypeV1]: { readonly type: T; readonly data: FeedbackPayloadsV1[T] };
}[FeedbackEventTypeV1];

/**
 * What integrators send in: answers from an external survey tool, on {@link FEEDBACK_ANSWERS_TOPIC}, keyed by
 * the customer id. The token is the one from `survey-sent`; an answer without a valid token is dead-lettered.
 */
export const FEEDBACK_ANSWERS_TOPIC = 'rapport.feedback.answers.v1';
export const FeedbackInboundTypes = {
  answerSubmitted: 'rapport.feedback.answer-submitted.v1',
} as const;
export interface AnswerSubmittedV1 {
  readonly token: string;
  readonly score: number;
  readonly comment?: string;
  readonly categories?: readonly WhyCategoryV1[];
  readonly answers?: Readonly<Record<string, string>>;
}

/**
 * The feedback service's timer inbox, written only by the scheduler (S2): survey triggers (F4), answer windows
 * closing, and follow-up deadlines (F3). Requested through `rapport.scheduler.v1`.
 */
export const FEEDBACK_TIMERS_TOPIC = 'rapport.feedback.timers.v1';
export const FeedbackTimerTypes = {
  surveyDue: 'rapport.feedback.survey-due.v1',
  surveyExpiryDue: 'rapport.feedback.survey-expiry-due.v1',
  loopDue: 'rapport.feedback.loop-due.v1',
} as const;
export interface SurveyDueV1 {
  readonly customerId: string;
  readonly trigger: Exclude<SurveyTriggerV1, 'manual'>;
  readonly triggerRef: string;
  readonly dueAt: string;
}
export interface SurveyExpiryDueV1 {
  readonly customerId: string;
  readonly surveyId: string;
  readonly dueAt: string;
}
export interface LoopDueV1 {
  readonly customerId: string;
  readonly loopId: string;
  readonly dueAt: string;
}
export interface FeedbackTimerPayloadsV1 {
  readonly [FeedbackTimerTypes.surveyDue]: SurveyDueV1;
  readonly [FeedbackTimerTypes.surveyExpiryDue]: SurveyExpiryDueV1;
  readonly [FeedbackTimerTypes.loopDue]: LoopDueV1;
}
export type FeedbackTimerEvent = {
  readonly [T in keyof FeedbackTimerPayloadsV1]: { readonly type: T; readonly data: FeedbackTimerPayloadsV1[T] };
}[keyof FeedbackTimerPayloadsV1];
