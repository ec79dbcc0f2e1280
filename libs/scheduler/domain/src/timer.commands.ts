import type { TimerDelivery } from './timer.events';

/** Time arrives in the command (`now`), never from a clock inside the decider. */
export interface ScheduleTimer {
  readonly type: 'schedule-timer';
  readonly timerId: string;
  readonly ownerService: string;
  readonly dueAt: string;
  readonly deliver: TimerDelivery;
  readonly now: Date;
}

export interface CancelTimer {
  readonly type: 'cancel-timer';
  readonly timerId: string;
  readonly ownerService: string;
  readonly now: Date;
}

/** Fires the timer that is due at `dueAt`; the command id is derived from timer id and due time (S3). */
export interface FireTimer {
  readonly type: 'fire-timer';
  readonly timerId: string;
  readonly dueAt: string;
  readonly now: Date;
}

export type TimerCommand = ScheduleTimer | CancelTimer | FireTimer;

/** The firing's command id: one per timer and due time, so a second attempt is recognised by the store too. */
export const fireCommandId = (timerId: string, dueAt: string): string => `fire/${timerId}@${dueAt}`;
