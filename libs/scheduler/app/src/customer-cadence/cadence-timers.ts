import { CUSTOMERS_TIMERS_TOPIC, CustomerReviewDueType, FollowUpDueType, SCHEDULER_TOPIC, type CustomerReviewDueV1, type FollowUpDueV1 } from '@rapport/scheduler-contracts';
import { nextFollowUp, nextReview, type CadencePolicy, type CadenceState, type TimerCommand } from '@rapport/scheduler-domain';
import { SCHEDULER_SERVICE } from '../scheduler.tokens';

/** The two timers a customer's cadence keeps: the next follow-up (S1) and the next review (C4, C6). */
export const followUpTimerId = (customerId: string): string => `customers.follow-up.${customerId}`;
export const reviewTimerId = (customerId: string): string => `customers.review.${customerId}`;
export const FOLLOW_UP_TIMER_PREFIX = 'customers.follow-up.';
export const REVIEW_TIMER_PREFIX = 'customers.review.';

/**
 * What the cadence wants scheduled after its state changed, as timer commands: one schedule (or cancel) per
 * timer. The timer decider makes them idempotent: the same due time and delivery again changes nothing.
 */
export function cadenceTimerCommands(customerId: string, s: CadenceState, policy: CadencePolicy, now: Date): TimerCommand[] {
  const followUp = nextFollowUp(s, policy);
  const review = nextReview(s, policy);
  const commands: TimerCommand[] = [];
  if (followUp && s.ownerId) {
    const data: FollowUpDueV1 = { customerId, ownerId: s.ownerId, dueAt: followUp.dueAt, cadence: followUp.cadence };
    commands.push({
      type: 'schedule-timer',
      timerId: followUpTimerId(customerId),
      ownerService: SCHEDULER_SERVICE,
      dueAt: followUp.dueAt,
      deliver: { topic: SCHEDULER_TOPIC, type: FollowUpDueType, data },
      now,
    });
  } else {
    commands.push({ type: 'cancel-timer', timerId: followUpTimerId(customerId), ownerService: SCHEDULER_SERVICE, now });
  }
  if (review) {
    const data: CustomerReviewDueV1 = { customerId, reasons: review.reasons, dueAt: review.dueAt };
    commands.push({
      type: 'schedule-timer',
      timerId: reviewTimerId(customerId),
      ownerService: SCHEDULER_SERVICE,
      dueAt: review.dueAt,
      deliver: { topic: CUSTOMERS_TIMERS_TOPIC, type: CustomerReviewDueType, data },
      now,
    });
  } else {
    commands.push({ type: 'cancel-timer', timerId: reviewTimerId(customerId), ownerService: SCHEDULER_SERVICE, now });
  }
  return commands;
}
