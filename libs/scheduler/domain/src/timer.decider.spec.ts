import { deciderSpec } from '@rapport/platform-testing';
import { fireCommandId, type TimerCommand } from './timer.commands';
import { timerDecider } from './timer.decider';
import type { TimerEvent } from './timer.events';

const spec = deciderSpec(timerDecider);
const at = '2026-03-01T09:00:00.000Z';
const due = '2026-03-08T09:00:00.000Z';
const later = '2026-03-15T09:00:00.000Z';
const now = (iso: string): Date => new Date(iso);
const deliver = { topic: 'rapport.customers.timers.v1', type: 'rapport.customers.review-due.v1', data: { customerId: 'c-1' } };
const schedule = (dueAt: string, overrides: Partial<Extract<TimerCommand, { type: 'schedule-timer' }>> = {}): TimerCommand => ({
  type: 'schedule-timer',
  timerId: 't-1',
  ownerService: 'customers',
  dueAt,
  deliver,
  now: now(at),
  ...overrides,
});
const fire = (dueAt: string, when: string): TimerCommand => ({ type: 'fire-timer', timerId: 't-1', dueAt, now: now(when) });
const scheduled: TimerEvent = { type: 'scheduler.timer-scheduled.v1', data: { timerId: 't-1', ownerService: 'customers', dueAt: due, deliver, at } };
const fired: TimerEvent = { type: 'scheduler.timer-fired.v1', data: { timerId: 't-1', ownerService: 'customers', dueAt: due, firedAt: due, deliver } };

describe('timer decider (S2, S3)', () => {
  it('S2: a request schedules a timer with its due time, delivery and owner', () => {
    spec.given([]).when(schedule(due)).then([scheduled]);
  });

  it('S2: the same request again changes nothing (the timer id is the idempotency key)', () => {
    spec.given([scheduled]).when(schedule(due)).then([]);
  });

  it('S2: another due time moves a pending timer', () => {
    spec
      .given([scheduled])
      .when(schedule(later))
      .then([{ type: 'scheduler.timer-rescheduled.v1', data: { timerId: 't-1', dueAt: later, previousDueAt: due, deliver, at } }]);
  });

  it('S2: due times are normalised to UTC milliseconds, so the index orders them as time', () => {
    spec
      .given([])
      .when(schedule('2026-03-08T09:00:00Z'))
      .thenState((s) => expect(s.dueAt).toBe(due));
  });

  it('S2: a due time that is not an instant is refused', () => {
    spec.given([]).when(schedule('next tuesday')).thenThrows({ rule: 'S2', code: 'invalid-due-time' });
  });

  it("S2: another service cannot move or cancel a timer it does not own", () => {
    spec.given([scheduled]).when(schedule(later, { ownerService: 'complaints' })).thenThrows({ rule: 'S2', code: 'timer-owned-elsewhere' });
    spec.given([scheduled]).when({ type: 'cancel-timer', timerId: 't-1', ownerService: 'complaints', now: now(at) }).thenThrows({ code: 'timer-owned-elsewhere' });
  });

  it('S2: a pending timer can be cancelled; cancelling again or an unknown timer changes nothing', () => {
    const cancel: TimerCommand = { type: 'cancel-timer', timerId: 't-1', ownerService: 'customers', now: now(at) };
    const cancelled: TimerEvent = { type: 'scheduler.timer-cancelled.v1', data: { timerId: 't-1', dueAt: due, at } };
    spec.given([scheduled]).when(cancel).then([cancelled]);
    spec.given([scheduled, cancelled]).when(cancel).then([]);
    spec.given([]).when(cancel).then([]);
  });

  it('S3: a due timer fires with what it was asked to deliver', () => {
    spec.given([scheduled]).when(fire(due, due)).then([fired]);
  });

  it('S3: firing the same timer twice has no second effect: the decider refuses', () => {
    spec.given([scheduled, fired]).when(fire(due, later)).thenThrows({ rule: 'S3', code: 'timer-already-fired' });
  });

  it('S3: the firing command id is derived from timer id and due time', () => {
    expect(fireCommandId('t-1', due)).toBe(fireCommandId('t-1', due));
    expect(fireCommandId('t-1', due)).not.toBe(fireCommandId('t-1', later));
  });

  it('S3: a timer is not fired before it is due, nor at a due time it was moved away from', () => {
    spec.given([scheduled]).when(fire(due, at)).thenThrows({ code: 'timer-not-due' });
    spec.given([scheduled]).when(fire(later, later)).thenThrows({ code: 'timer-moved' });
  });

  it('S3: a cancelled timer never fires', () => {
    spec
      .given([scheduled, { type: 'scheduler.timer-cancelled.v1', data: { timerId: 't-1', dueAt: due, at } }])
      .when(fire(due, later))
      .thenThrows({ code: 'timer-not-pending' });
  });

  it('S2: a late copy of the request that armed the firing does not arm it again; a new due time does', () => {
    spec.given([scheduled, fired]).when(schedule(due)).then([]);
    spec
      .given([scheduled, fired])
      .when(schedule(later))
      .then([{ type: 'scheduler.timer-rescheduled.v1', data: { timerId: 't-1', dueAt: later, previousDueAt: due, deliver, at } }]);
  });
});
