/** The wall-clock parts of an instant in a time zone (IANA name). */
function wallClock(instant: number, timeZone: string): { y: number; m: number; d: number; ms: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  const ms = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) + (instant % 1000);
  return { y: n('year'), m: n('month'), d: n('day'), ms };
}

/** The instant at which the local calendar day y-m-d starts in the zone (its first existing minute, across DST). */
function startOfLocalDay(y: number, m: number, d: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall;
  // Two corrections settle the offset, also on the day a DST change happens.
  for (let i = 0; i < 2; i++) guess = wall - (wallClock(guess, timeZone).ms - guess);
  return guess;
}

/**
 * S1: the bounds of "today" for someone in `timeZone` at `now`: local midnight to the next local midnight, as
 * instants (a day is 23 or 25 hours long when the clocks change). An unknown zone counts as UTC.
 */
export function localDayBounds(now: Date, timeZone = 'UTC'): { readonly start: string; readonly end: string } {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const { y, m, d } = wallClock(now.getTime(), zone);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    start: new Date(startOfLocalDay(y, m, d, zone)).toISOString(),
    end: new Date(startOfLocalDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone)).toISOString(),
  };
}
