import { addBusinessHours, addBusinessTime, ALWAYS_OPEN, businessTimeBetween, calendarProblems, instantOf, isWithinBusinessHours, type BusinessCalendar, type WeeklyHours } from './business-calendar';

const H = 3_600_000;
const nineToFive = [{ from: '09:00', to: '17:00' }];
const weekdays = (hours: readonly { from: string; to: string }[]): WeeklyHours => ({ sun: [], mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [] });
const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', hours: weekdays(nineToFive), holidays: ['2026-04-03', '2026-04-06'] };
const newYork: BusinessCalendar = { timeZone: 'America/New_York', hours: weekdays(nineToFive), holidays: ['2026-11-26'] };
const at = (iso: string): Date => new Date(iso);

describe('business calendar (D1, for K3 SLA clocks)', () => {
  it('D1: without business hours a team is open around the clock: business time is wall time', () => {
    expect(isWithinBusinessHours(ALWAYS_OPEN, at('2026-03-29T02:30:00Z'))).toBe(true);
    expect(addBusinessHours(ALWAYS_OPEN, at('2026-03-28T22:00:00Z'), 24)).toEqual(at('2026-03-29T22:00:00Z'));
    expect(businessTimeBetween(ALWAYS_OPEN, at('2026-01-01T00:00:00Z'), at('2026-01-08T00:00:00Z'))).toBe(7 * 24 * H);
  });

  it('D1: hours are local to the team: 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(isWithinBusinessHours(berlin, at('2026-03-27T07:59:59Z'))).toBe(false);
    expect(isWithinBusinessHours(berlin, at('2026-03-27T08:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(berlin, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(berlin, at('2026-03-30T06:59:00Z'))).toBe(false);
    // Closing time is closed.
    expect(isWithinBusinessHours(berlin, at('2026-03-30T15:00:00Z'))).toBe(false);
  });

  it('K3, D1: a weekend stops the clock: 4 business hours from Friday 15:00 end Monday 11:00', () => {
    // Friday 2026-03-13 15:00 CET = 14:00Z; two hours left on Friday, two on Monday.
    expect(addBusinessHours(berlin, at('2026-03-13T14:00:00Z'), 4)).toEqual(at('2026-03-16T10:00:00Z'));
    expect(isWithinBusinessHours(berlin, at('2026-03-14T12:00:00Z'))).toBe(false);
    expect(businessTimeBetween(berlin, at('2026-03-13T14:00:00Z'), at('2026-03-16T10:00:00Z'))).toBe(4 * H);
  });

  it('K3, D1: across the Berlin spring-forward weekend (2026-03-29) an 8-hour day stays 8 hours', () => {
    // Friday 16:00 CET (15:00Z) + 2h → Monday 10:00 CEST (08:00Z): one hour Friday, one Monday, wall-clock offset changed.
    expect(addBusinessHours(berlin, at('2026-03-27T15:00:00Z'), 2)).toEqual(at('2026-03-30T08:00:00Z'));
    expect(businessTimeBetween(berlin, at('2026-03-27T08:00:00Z'), at('2026-03-31T15:00:00Z'))).toBe(3 * 8 * H);
  });

  it('D1: a team open around the clock in Berlin has a 23-hour Sunday on 2026-03-29 and a 25-hour one on 2026-10-25', () => {
    const allWeek: BusinessCalendar = { ...ALWAYS_OPEN, timeZone: 'Europe/Berlin' };
    const sundayOnly: BusinessCalendar = { timeZone: 'Europe/Berlin', hours: { ...weekdays([]), sun: [{ from: '00:00', to: '24:00' }] }, holidays: [] };
    expect(businessTimeBetween(sundayOnly, at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toBe(23 * H);
    expect(businessTimeBetween(sundayOnly, at('2026-10-24T00:00:00Z'), at('2026-10-27T00:00:00Z'))).toBe(25 * H);
    expect(addBusinessHours(allWeek, at('2026-03-28T23:00:00Z'), 2)).toEqual(at('2026-03-29T01:00:00Z'));
  });

  it('K3, D1: across the New York fall-back (2026-11-01) hours stay on local 09:00-17:00', () => {
    // Friday 2026-10-30 16:00 EDT = 20:00Z; +2h → Monday 10:00 EST = 15:00Z.
    expect(addBusinessHours(newYork, at('2026-10-30T20:00:00Z'), 2)).toEqual(at('2026-11-02T15:00:00Z'));
    expect(isWithinBusinessHours(newYork, at('2026-11-02T14:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(newYork, at('2026-11-02T13:59:00Z'))).toBe(false);
  });

  it('K3, D1: a holiday is closed all day: Good Friday and Easter Monday 2026 in Berlin', () => {
    expect(isWithinBusinessHours(berlin, at('2026-04-03T10:00:00Z'))).toBe(false);
    // Thursday 2026-04-02 16:00 CEST (14:00Z) + 2h: one hour Thursday, then Friday, the weekend and Monday are closed.
    expect(addBusinessHours(berlin, at('2026-04-02T14:00:00Z'), 2)).toEqual(at('2026-04-07T08:00:00Z'));
    expect(businessTimeBetween(berlin, at('2026-04-02T07:00:00Z'), at('2026-04-08T07:00:00Z'))).toBe(16 * H);
    // Wednesday 16:30 EST + 1h: half an hour Wednesday, Thanksgiving closed, Friday 09:30 EST.
    expect(addBusinessHours(newYork, at('2026-11-25T21:30:00Z'), 1)).toEqual(at('2026-11-27T14:30:00Z'));
  });

  it('K3: a clock started outside hours starts at the next opening; adding nothing changes nothing', () => {
    expect(addBusinessTime(berlin, at('2026-03-14T12:00:00Z'), 30 * 60_000)).toEqual(at('2026-03-16T08:30:00Z'));
    expect(addBusinessTime(berlin, at('2026-03-14T12:00:00Z'), 0)).toEqual(at('2026-03-14T12:00:00Z'));
    expect(() => addBusinessTime(berlin, at('2026-03-14T12:00:00Z'), -1)).toThrow(RangeError);
  });

  it('K3: a deadline falls at closing time when the hours run out exactly, and split shifts count only open time', () => {
    expect(addBusinessHours(berlin, at('2026-03-16T08:00:00Z'), 8)).toEqual(at('2026-03-16T16:00:00Z'));
    const split: BusinessCalendar = { ...berlin, hours: weekdays([{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }]) };
    expect(addBusinessHours(split, at('2026-03-16T10:00:00Z'), 2)).toEqual(at('2026-03-16T13:00:00Z'));
    expect(isWithinBusinessHours(split, at('2026-03-16T11:30:00Z'))).toBe(false);
  });

  it('business time between two instants is antisymmetric and zero for the same instant', () => {
    const a = at('2026-03-13T14:00:00Z');
    const b = at('2026-03-16T10:00:00Z');
    expect(businessTimeBetween(berlin, b, a)).toBe(-4 * H);
    expect(businessTimeBetween(berlin, a, a)).toBe(0);
  });

  it('a local time in a skipped hour moves forward by the gap; a repeated hour means its first occurrence', () => {
    expect(new Date(instantOf('Europe/Berlin', Date.UTC(2026, 2, 29, 2, 30))).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(instantOf('Europe/Berlin', Date.UTC(2026, 9, 25, 2, 30))).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(instantOf('America/New_York', Date.UTC(2026, 10, 1, 1, 30))).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('D1: a calendar names a real time zone, ordered hours, real dates, and some opening', () => {
    expect(calendarProblems(berlin)).toEqual([]);
    expect(calendarProblems({ timeZone: 'Mars/Olympus', hours: weekdays([{ from: '17:00', to: '09:00' }]), holidays: ['2026-02-30'] })).toEqual([
      'unknown time zone Mars/Olympus',
      'mon: 17:00-09:00 ends before it starts',
      'tue: 17:00-09:00 ends before it starts',
      'wed: 17:00-09:00 ends before it starts',
      'thu: 17:00-09:00 ends before it starts',
      'fri: 17:00-09:00 ends before it starts',
      'no business hours in the week',
      'holiday 2026-02-30 is not a date YYYY-MM-DD',
    ]);
    expect(calendarProblems({ ...berlin, hours: weekdays([{ from: '09:00', to: '13:00' }, { from: '12:00', to: '17:00' }]) })[0]).toMatch(/overlaps/);
  });
});
