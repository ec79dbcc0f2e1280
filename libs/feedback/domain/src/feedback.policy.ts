/** Calendar arithmetic (UTC, ISO-8601): the platform core's, shared by every context's deciders. */
export { DAY_MS, addDays } from '@rapport/platform-eventsourcing';

export const HOUR_MS = 3_600_000;

/**
 * Policy defaults of the feedback rules (F1–F7). Every default is configurable and its version is recorded on
 * the events it shaped.
 */
export interface FeedbackPolicy {
  readonly version: string;
  /** F4: at most one survey per customer in this many days, across every channel. */
  readonly throttleDays: number;
  /** F4 triggers: days after a purchase, and after a complaint is confirmed resolved. */
  readonly afterPurchaseDays: number;
  readonly afterComplaintResolvedDays: number;
  /** How long an answer link stays valid after the survey is sent. */
  readonly answerWindowDays: number;
  /** F3: a detractor's follow-up is due this many hours after the answer. */
  readonly loopDueHours: number;
  /** F5: a segment needs at least this many answers before 100% satisfaction is distrusted. */
  readonly biasMinAnswers: number;
  /** F5: the lowest score that counts as satisfied (default: promoters only). */
  readonly satisfiedFrom: number;
}

export const defaultFeedbackPolicy: FeedbackPolicy = {
  version: 'feedback-policy-1',
  throttleDays: 90,
  afterPurchaseDays: 14,
  afterComplaintResolvedDays: 7,
  answerWindowDays: 14,
  loopDueHours: 48,
  biasMinAnswers: 30,
  satisfiedFrom: 9,
};
