import type { DomainEvent } from '@rapport/platform-eventsourcing';

/** What a timer publishes when it fires: a CloudEvent `type` with `data`, on `topic` (the owner's). */
export interface TimerDelivery {
  readonly topic: string;
  readonly type: string;
  readonly data: unknown;
}

export type TimerScheduled = DomainEvent<
  'scheduler.timer-scheduled.v1',
  { readonly timerId: string; readonly ownerService: string; readonly dueAt: string; readonly deliver: TimerDelivery; readonly at: string }
>;
/** A pending timer moved, or a fired or cancelled one armed again (same id, another due time). */
export type TimerRescheduled = DomainEvent<
  'scheduler.timer-rescheduled.v1',
  { readonly timerId: string; readonly dueAt: string; readonly previousDueAt: string; readonly deliver: TimerDelivery; readonly at: string }
>;
export type TimerCancelled = DomainEvent<'scheduler.timer-cancelled.v1', { readonly timerId: string; readonly dueAt: string; readonly at: string }>;
export type TimerFired = DomainEvent<
  'scheduler.timer-fired.v1',
  { readonly timerId: string; readonly ownerService: string; readonly dueAt: string; readonly firedAt: string; readonly deliver: TimerDelivery }
>;

export type TimerEvent = TimerScheduled | TimerRescheduled | TimerCancelled | TimerFired;

export const timerStreamId = (timerId: string): string => `timer-${timerId}`;
export const TIMER_STREAM_PREFIX = 'timer-';
