/**
 * Business time (D1, for K3 SLAs): a team's opening hours per weekday, in its IANA time zone, minus its
 * holidays. In the platform so that the directory (which defines calendars) and every service that counts time on
 * them (complaints' SLA clocks) share one arithmetic; services get the calendars themselves from the directory's topic. Pure functions over epoch milliseconds. Local times become instants through the zone's offset
 * as `Intl.DateTimeFormat` reports it, so a day that loses or gains an hour at a DST change is 23 or 25 hours
 * long and business time across it is exact. No dependency beyond the runtime's time-zone data.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open from `from` to `to`, local wall-clock times `HH:MM`; `to` may be `24:00` (the next midnight). */
export interface OpeningInterval {
  readonly from: string;
  readonly to: string;
}
export type WeeklyHours = Readonly<Record<Weekday, readonly OpeningInterval[]>>;

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  readonly hours: WeeklyHours;
  /** Local dates `YYYY-MM-DD` on which the team is closed all day. */
  readonly holidays: readonly string[];
}

const allDay: readonly OpeningInterval[] = [{ from: '00:00', to: '24:00' }];

/** D1: a team without business hours is open around the clock (the default). */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  hours: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
  holidays: [],
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A calendar open less than once in this many days is treated as never open (no endless search). */
const SEARCH_DAYS = 3_660;
const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const minutesOf = (time: string): number => {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a time of day: ${time}`);
  return m[3] ? 1_440 : Number(m[1]) * 60 + Number(m[2]);
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The wall-clock reading in the zone at an instant, as if it were UTC (milliseconds). */
function wallClock(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
const offsetAt = (timeZone: string, at: number): number => wallClock(timeZone, at) - (at - (((at % 1000) + 1000) % 1000));

/**
 * The instant of a local wall-clock reading (given as if UTC). In the hour a DST change repeats, the first
 * occurrence; in the hour it skips, the reading shifted by the gap (02:30 → 03:30), as Temporal's `compatible`.
 */
export function instantOf(timeZone: string, local: number): number {
  const before = offsetAt(timeZone, local - DAY_MS);
  const after = offsetAt(timeZone, local + DAY_MS);
  const valid = [...new Set([before, after])].map((o) => local - o).filter((t) => wallClock(timeZone, t) === local);
  if (valid.length > 0) return Math.min(...valid);
  return local - before;
}

/** The local date (as midnight UTC of that date) of an instant in the zone. */
const localDay = (timeZone: string, at: number): number => Math.floor(wallClock(timeZone, at) / DAY_MS) * DAY_MS;
const isoDate = (day: number): string => new Date(day).toISOString().slice(0, 10);

/**
 * The bounds of "today" for someone in `timeZone` at `now` (S1 task lists): local midnight to the next local
 * midnight, as instants — 23 or 25 hours long on the day the clocks change. An unknown zone counts as UTC.
 */
export function localDayBounds(now: Date, timeZone = 'UTC'): { readonly start: string; readonly end: string } {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const day = localDay(zone, now.getTime());
  return { start: new Date(instantOf(zone, day)).toISOString(), end: new Date(instantOf(zone, day + DAY_MS)).toISOString() };
}

/** The open spans of one local day, as instants, in order. */
function spansOfDay(calendar: BusinessCalendar, day: number): [number, number][] {
  if (calendar.holidays.includes(isoDate(day))) return [];
  const weekday = WEEKDAYS[new Date(day).getUTCDay()]!;
  return calendar.hours[weekday].map((i) => [instantOf(calendar.timeZone, day + minutesOf(i.from) * 60_000), instantOf(calendar.timeZone, day + minutesOf(i.to) * 60_000)]);
}

/** Open spans from `from` on, clipped to start no earlier than it; adjacent spans are not merged. */
function* spansFrom(calendar: BusinessCalendar, from: number): Generator<[number, number]> {
  let empty = 0;
  for (let day = localDay(calendar.timeZone, from) - DAY_MS; empty < SEARCH_DAYS; day += DAY_MS) {
    const spans = spansOfDay(calendar, day).filter(([, end]) => end > from);
    empty = spans.length === 0 ? empty + 1 : 0;
    for (const [start, end] of spans) yield [Math.max(start, from), end];
  }
  throw new RangeError(`the calendar in ${calendar.timeZone} has no business hours within ${SEARCH_DAYS} days`);
}

/** Whether the instant lies within business hours (an opening time counts as open, a closing time as closed). */
export function isWithinBusinessHours(calendar: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  return [-DAY_MS, 0].some((shift) => spansOfDay(calendar, localDay(calendar.timeZone, t) + shift).some(([start, end]) => start <= t && t < end));
}

/** The instant `durationMs` of business time after `at`; started outside hours, the clock starts at the next opening. */
export function addBusinessTime(calendar: BusinessCalendar, at: Date, durationMs: number): Date {
  if (durationMs < 0) throw new RangeError('business time to add must not be negative');
  if (durationMs === 0) return new Date(at.getTime());
  let remaining = durationMs;
  for (const [start, end] of spansFrom(calendar, at.getTime())) {
    if (remaining <= end - start) return new Date(start + remaining);
    remaining -= end - start;
  }
  throw new RangeError('unreachable');
}

export const addBusinessHours = (calendar: BusinessCalendar, at: Date, hours: number): Date => addBusinessTime(calendar, at, hours * HOUR_MS);

/** Business time between two instants, in milliseconds; negative when `to` is before `from`. */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to < from) return -businessTimeBetween(calendar, to, from);
  const end = to.getTime();
  let total = 0;
  for (const [spanStart, spanEnd] of spansFrom(calendar, from.getTime())) {
    if (spanStart >= end) break;
    total += Math.min(spanEnd, end) - spanStart;
  }
  return total;
}

/** What is wrong with a calendar, as readable messages (empty when it is valid). */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!isTimeZone(calendar.timeZone)) problems.push(`unknown time zone ${calendar.timeZone}`);
  let open = 0;
  for (const day of WEEKDAYS) {
    let previousEnd = -1;
    for (const interval of calendar.hours[day] ?? []) {
      if (!TIME.test(interval.from) || !TIME.test(interval.to)) {
        problems.push(`${day}: ${interval.from}-${interval.to} is not HH:MM-HH:MM`);
        continue;
      }
      const [from, to] = [minutesOf(interval.from), minutesOf(interval.to)];
      if (from >= to) problems.push(`${day}: ${interval.from}-${interval.to} ends before it starts`);
      else if (from < previousEnd) problems.push(`${day}: ${interval.from}-${interval.to} overlaps or precedes the interval before it`);
      else open += to - from;
      previousEnd = Math.max(previousEnd, to);
    }
  }
  if (open === 0) problems.push('no business hours in the week');
  for (const holiday of calendar.holidays) {
    const m = DATE.exec(holiday);
    if (!m || isoDate(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) !== holiday) problems.push(`holiday ${holiday} is not a date YYYY-MM-DD`);
  }
  return problems;
}
