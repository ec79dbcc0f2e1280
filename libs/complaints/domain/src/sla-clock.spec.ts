import { ALWAYS_OPEN, businessTimeBetween, type BusinessCalendar } from '@rapport/platform-eventsourcing';
import { businessMsBetween, consumedAt, isAlwaysOpen, isOverdue, leftAt, pauseClock, resumeClock, startClock, stopClock } from './sla-clock';

const HOUR = 3_600_000;
const nineToFive = [{ from: '09:00', to: '17:00' }];
/** A Berlin team, Monday to Friday 09–17, closed on Friday 27 March 2026; Europe moves to summer time on Sunday 29 March. */
const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: { sun: [], mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [] },
  holidays: ['2026-03-27'],
};

describe('SLA clock on a business calendar (K3, D1)', () => {
  it('K3: an 8-hour clock started Thursday 16:00 runs 1 h, skips the holiday, the weekend and the DST change, ends Monday 16:00 summer time', () => {
    const clock = startClock(berlin, 'acknowledge', 8 * HOUR, '2026-03-26T15:00:00.000Z'); // Thu 16:00 CET
    // Mon 30 March 16:00 CEST is 14:00 UTC; without the DST change it would be 15:00 UTC.
    expect(clock.dueAt).toBe('2026-03-30T14:00:00.000Z');
  });

  it('K3: waiting on the customer pauses the clock; her reply resumes it with the business time left', () => {
    const started = startClock(berlin, 'resolve', 72 * HOUR, '2026-03-26T15:00:00.000Z'); // Thu 16:00 CET
    // Mon 30 March 10:00 CEST: 1 h on Thursday + 1 h on Monday consumed.
    const paused = pauseClock(berlin, started, '2026-03-30T08:00:00.000Z');
    expect(paused).toMatchObject({ consumedMs: 2 * HOUR, runningSince: null, dueAt: null });
    // Paused time does not count, however long.
    expect(consumedAt(berlin, paused, '2026-04-01T10:00:00.000Z')).toBe(2 * HOUR);
    // Wed 1 April 12:00 CEST: 70 h left = 5 h Wed + 8 h × 8 days (Thu 2 … Mon 13) + 1 h on Tue 14 → 10:00 CEST.
    const resumed = resumeClock(berlin, paused, '2026-04-01T10:00:00.000Z');
    expect(resumed.dueAt).toBe('2026-04-14T08:00:00.000Z');
    // At closing time that Wednesday (17:00 CEST), the 5 hours of the afternoon are spent.
    expect(leftAt(berlin, resumed, '2026-04-01T15:00:00.000Z')).toBe(65 * HOUR);
  });

  it('K3: a clock is overdue when its deadline is reached; met exactly at the deadline it is in time', () => {
    const clock = startClock(berlin, 'acknowledge', 8 * HOUR, '2026-03-26T15:00:00.000Z');
    expect(isOverdue(berlin, clock, '2026-03-30T13:59:59.999Z')).toBe(false);
    expect(isOverdue(berlin, clock, '2026-03-30T14:00:00.000Z')).toBe(true);
    expect(isOverdue(berlin, stopClock(berlin, clock, '2026-03-30T14:00:00.000Z'), '2026-04-30T00:00:00.000Z')).toBe(false);
    expect(isOverdue(berlin, stopClock(berlin, clock, '2026-03-30T14:00:01.000Z'), '2026-04-30T00:00:00.000Z')).toBe(true);
  });

  it('K3: a clock resumed with its budget spent is due at once', () => {
    const clock = pauseClock(berlin, startClock(berlin, 'resolve', HOUR, '2026-03-26T15:00:00.000Z'), '2026-03-26T16:00:00.000Z');
    expect(resumeClock(berlin, clock, '2026-03-31T07:30:00.000Z').dueAt).toBe('2026-03-31T07:30:00.000Z');
  });
});

describe('SLA clock on the default calendar (D1: open around the clock)', () => {
  it('K3, D1: a team without a calendar counts elapsed time, in any zone, across DST', () => {
    const alwaysOpenInBerlin: BusinessCalendar = { ...ALWAYS_OPEN, timeZone: 'Europe/Berlin' };
    expect(isAlwaysOpen(alwaysOpenInBerlin)).toBe(true);
    expect(isAlwaysOpen(berlin)).toBe(false);
    const clock = startClock(alwaysOpenInBerlin, 'resolve', 24 * HOUR, '2026-03-28T12:00:00.000Z');
    expect(clock.dueAt).toBe('2026-03-29T12:00:00.000Z');
    // The fast path agrees with the general arithmetic.
    expect(businessMsBetween(alwaysOpenInBerlin, '2026-03-28T12:00:00.000Z', '2026-03-30T00:00:00.000Z')).toBe(businessTimeBetween(alwaysOpenInBerlin, new Date('2026-03-28T12:00:00.000Z'), new Date('2026-03-30T00:00:00.000Z')));
    expect(leftAt(alwaysOpenInBerlin, clock, '2026-03-30T12:00:00.000Z')).toBe(-24 * HOUR);
  });
});
