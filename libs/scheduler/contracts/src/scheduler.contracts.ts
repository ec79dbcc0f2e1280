/**
 * The scheduler's public contract (S2, S3): any service asks for a timer by publishing `timer-requested` on
 * {@link SCHEDULER_TOPIC}, may take it back with `timer-cancelled`, and when the timer is due the scheduler
 * publishes `deliver` (a CloudEvent of the given type and data) on the given topic, once in effect, plus a
 * `timer-fired` on its own topic for anyone watching. Subject and partition key are the timer id.
 * A change that breaks a consumer gets a new type version beside the old one, never an edit of `.v1`.
 */
export const SCHEDULER_TOPIC = 'rapport.scheduler.v1';
export const SCHEDULER_SOURCE = '/rapport/scheduler';

export const SchedulerEventTypes = {
  timerRequested: 'rapport.scheduler.timer-requested.v1',
  timerCancelled: 'rapport.scheduler.timer-cancelled.v1',
  timerFired: 'rapport.scheduler.timer-fired.v1',
} as const;
export type SchedulerEventTypeV1 = (typeof SchedulerEventTypes)[keyof typeof SchedulerEventTypes];

/** What the scheduler publishes when the timer is due: a CloudEvent `type` with `data`, on `topic`. */
export interface TimerDeliveryV1 {
  readonly topic: string;
  readonly type: string;
  readonly data: unknown;
}

/**
 * Asks for a timer. `timerId` is the idempotency key: asking again with the same id and due time changes
 * nothing; with another due time (or delivery) it moves the timer; after it fired, another due time arms it again.
 */
export interface TimerRequestedV1 {
  readonly timerId: string;
  /** The service that owns the timer (and usually consumes the delivery), e.g. `customers`. */
  readonly ownerService: string;
  /** ISO 8601 instant. A time already past fires at once. */
  readonly dueAt: string;
  readonly deliver: TimerDeliveryV1;
}

/** Takes a pending timer back; a timer that already fired or was never asked for is left as it is. */
export interface TimerCancelledV1 {
  readonly timerId: string;
  readonly ownerService: string;
}

/** Published by the scheduler when a timer fired (its delivery was published on `deliver.topic` too). */
export interface TimerFiredV1 {
  readonly timerId: string;
  readonly ownerService: string;
  readonly dueAt: string;
  readonly firedAt: string;
  readonly deliver: TimerDeliveryV1;
}

/** The type decides the payload. */
export interface SchedulerPayloadsV1 {
  readonly [SchedulerEventTypes.timerRequested]: TimerRequestedV1;
  readonly [SchedulerEventTypes.timerCancelled]: TimerCancelledV1;
  readonly [SchedulerEventTypes.timerFired]: TimerFiredV1;
}

export type SchedulerIntegrationEvent = {
  readonly [T in SchedulerEventTypeV1]: { readonly type: T; readonly data: SchedulerPayloadsV1[T] };
}[SchedulerEventTypeV1];

/**
 * A delivery is a CloudEvent of `deliver.type` with `deliver.data`, subject the timer id, id derived from the
 * timer id and due time (the same firing always carries the same id, so consumers drop a redelivered copy).
 */
/**
 * Deliveries to the customers service (S2 for C4/C6): the scheduler's customer cadence asks customers to
 * review one customer when time alone may change it (reclaim warning, reclaim, stage changes). Customers
 * consumes {@link CUSTOMERS_TIMERS_TOPIC}; this topic is the customers service's inbox, written only by the scheduler.
 */
export const CUSTOMERS_TIMERS_TOPIC = 'rapport.customers.timers.v1';
export const CustomerReviewDueType = 'rapport.customers.review-due.v1';
export interface CustomerReviewDueV1 {
  readonly customerId: string;
  /** Why now: the change(s) the cadence expects at this time. */
  readonly reasons: readonly ('reclaim-warning' | 'reclaim' | 'new-buyer-ends' | 'lapse' | 'won-back-ends')[];
  readonly dueAt: string;
}

/** Follow-ups (S1) come due on the scheduler's own topic: for notifications; the task list is a query. */
export const FollowUpDueType = 'rapport.scheduler.follow-up-due.v1';
export interface FollowUpDueV1 {
  readonly customerId: string;
  readonly ownerId: string;
  readonly dueAt: string;
  readonly cadence: string;
}
