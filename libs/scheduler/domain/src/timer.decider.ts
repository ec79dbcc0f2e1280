import { DomainError, type Decider } from '@rapport/platform-eventsourcing';
import type { CancelTimer, FireTimer, ScheduleTimer, TimerCommand } from './timer.commands';
import type { TimerDelivery, TimerEvent } from './timer.events';
import { evolveTimer, initialTimerState, type TimerState } from './timer.state';

const sameDelivery = (a: TimerDelivery | null, b: TimerDelivery): boolean => a !== null && JSON.stringify(a) === JSON.stringify(b);

const isInstant = (value: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) && !Number.isNaN(Date.parse(value));

/** Due times are kept as ISO strings in UTC with milliseconds, so string order is time order (the index relies on it). */
export const normalisedInstant = (value: string): string => new Date(Date.parse(value)).toISOString();

function requireOwner(s: TimerState, ownerService: string): void {
  if (s.ownerService !== null && s.ownerService !== ownerService) {
    throw new DomainError('forbidden', 'timer-owned-elsewhere', `timer ${s.timerId} belongs to ${s.ownerService}`, 'S2', { ownerService: s.ownerService });
  }
}

/**
 * S2: asking again is idempotent by timer id. The same due time and delivery changes nothing (pending, or
 * already fired at that time); another due time moves a pending timer or arms a fired or cancelled one again.
 */
function decideSchedule(c: ScheduleTimer, s: TimerState): TimerEvent[] {
  if (!isInstant(c.dueAt)) throw new DomainError('rule_violation', 'invalid-due-time', `dueAt ${c.dueAt} is not an ISO 8601 UTC instant`, 'S2');
  requireOwner(s, c.ownerService);
  const dueAt = normalisedInstant(c.dueAt);
  const at = c.now.toISOString();
  switch (s.status) {
    case 'unknown':
      return [{ type: 'scheduler.timer-scheduled.v1', data: { timerId: c.timerId, ownerService: c.ownerService, dueAt, deliver: c.deliver, at } }];
    case 'pending':
      if (s.dueAt === dueAt && sameDelivery(s.deliver, c.deliver)) return [];
      break;
    case 'fired':
      // A late copy of the request that armed the firing just done must not arm it again.
      if (s.lastFiredDueAt === dueAt) return [];
      break;
    case 'cancelled':
      break;
    default: {
      const _exhaustive: never = s.status;
      return _exhaustive;
    }
  }
  return [{ type: 'scheduler.timer-rescheduled.v1', data: { timerId: c.timerId, dueAt, previousDueAt: s.dueAt!, deliver: c.deliver, at } }];
}

function decideCancel(c: CancelTimer, s: TimerState): TimerEvent[] {
  if (s.status !== 'pending') return [];
  requireOwner(s, c.ownerService);
  return [{ type: 'scheduler.timer-cancelled.v1', data: { timerId: c.timerId, dueAt: s.dueAt!, at: c.now.toISOString() } }];
}

/** S3: a timer fires once per due time. A second firing, a moved, cancelled or early timer is refused. */
function decideFire(c: FireTimer, s: TimerState): TimerEvent[] {
  const details = { timerId: c.timerId, dueAt: c.dueAt };
  if (s.status === 'fired' && s.lastFiredDueAt === c.dueAt) {
    throw new DomainError('conflict', 'timer-already-fired', `timer ${c.timerId} already fired for ${c.dueAt}`, 'S3', details);
  }
  if (s.status !== 'pending') throw new DomainError('conflict', 'timer-not-pending', `timer ${c.timerId} is ${s.status}`, 'S3', details);
  if (s.dueAt !== c.dueAt) throw new DomainError('conflict', 'timer-moved', `timer ${c.timerId} is now due at ${s.dueAt}`, 'S3', details);
  if (c.now.getTime() < Date.parse(c.dueAt)) throw new DomainError('conflict', 'timer-not-due', `timer ${c.timerId} is due at ${c.dueAt}`, 'S3', details);
  return [
    { type: 'scheduler.timer-fired.v1', data: { timerId: c.timerId, ownerService: s.ownerService!, dueAt: c.dueAt, firedAt: c.now.toISOString(), deliver: s.deliver! } },
  ];
}

export function decideTimer(c: TimerCommand, s: TimerState): TimerEvent[] {
  switch (c.type) {
    case 'schedule-timer':
      return decideSchedule(c, s);
    case 'cancel-timer':
      return decideCancel(c, s);
    case 'fire-timer':
      return decideFire(c, s);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/** One stream per timer (`timer-<id>`): scheduled → fired, cancelled or rescheduled. */
export const timerDecider: Decider<TimerCommand, TimerEvent, TimerState> = {
  initialState: initialTimerState,
  decide: decideTimer,
  evolve: evolveTimer,
};
