import type { TimerDelivery, TimerEvent } from './timer.events';

export interface TimerState {
  readonly status: 'unknown' | 'pending' | 'fired' | 'cancelled';
  readonly timerId: string | null;
  readonly ownerService: string | null;
  /** The due time of the pending timer, or of the last one that fired or was cancelled. */
  readonly dueAt: string | null;
  readonly deliver: TimerDelivery | null;
  readonly lastFiredDueAt: string | null;
  readonly firings: number;
}

export const initialTimerState = (): TimerState => ({
  status: 'unknown',
  timerId: null,
  ownerService: null,
  dueAt: null,
  deliver: null,
  lastFiredDueAt: null,
  firings: 0,
});

export function evolveTimer(s: TimerState, event: TimerEvent): TimerState {
  switch (event.type) {
    case 'scheduler.timer-scheduled.v1': {
      const d = event.data;
      return { ...s, status: 'pending', timerId: d.timerId, ownerService: d.ownerService, dueAt: d.dueAt, deliver: d.deliver };
    }
    case 'scheduler.timer-rescheduled.v1':
      return { ...s, status: 'pending', dueAt: event.data.dueAt, deliver: event.data.deliver };
    case 'scheduler.timer-cancelled.v1':
      return { ...s, status: 'cancelled' };
    case 'scheduler.timer-fired.v1':
      return { ...s, status: 'fired', lastFiredDueAt: event.data.dueAt, firings: s.firings + 1 };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
