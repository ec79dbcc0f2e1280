import { addBusinessTime, businessTimeBetween, WEEKDAYS, type BusinessCalendar } from '@rapport/platform-eventsourcing';

/**
 * One SLA clock of a complaint (K3): a budget of business time, consumed only while it runs. Waiting on the
 * customer pauses it (the consumed time is banked), the customer's reply resumes it with what is left, and
 * meeting it (acknowledging, proposing a resolution) stops it. Pure values: every function takes the
 * calendar and the instant, so the same history always gives the same deadlines.
 */
export type SlaClockKind = 'acknowledge' | 'resolve';

export interface SlaClock {
  readonly kind: SlaClockKind;
  readonly budgetMs: number;
  /** Business time consumed before `runningSince` (banked at each pause). */
  readonly consumedMs: number;
  /** When it last started or resumed; null while paused or stopped. */
  readonly runningSince: string | null;
  /** The deadline while it runs (business time left added to `runningSince`); null while paused or stopped. */
  readonly dueAt: string | null;
  /** When it was met; null while it is still to be met. */
  readonly stoppedAt: string | null;
  /** The last deadline it had while running, kept through pauses and stops (what a breach is measured against). */
  readonly lastDueAt: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A calendar open around the clock every day with no holidays (the D1 default): business time is elapsed
 * time, whatever the zone. Worth knowing, because the general arithmetic walks the calendar day by day.
 */
export const isAlwaysOpen = (calendar: BusinessCalendar): boolean =>
  calendar.holidays.length === 0 && WEEKDAYS.every((d) => calendar.hours[d].length === 1 && calendar.hours[d][0]!.from === '00:00' && calendar.hours[d][0]!.to === '24:00');

/** Business time between two instants (ISO strings) on the calendar; negative when `to` is before `from`. */
export const businessMsBetween = (calendar: BusinessCalendar, from: string, to: string): number =>
  isAlwaysOpen(calendar) ? Date.parse(to) - Date.parse(from) : businessTimeBetween(calendar, new Date(from), new Date(to));
const plus = (calendar: BusinessCalendar, at: string, ms: number): string => iso(isAlwaysOpen(calendar) ? Date.parse(at) + ms : addBusinessTime(calendar, new Date(at), ms).getTime());

export function startClock(calendar: BusinessCalendar, kind: SlaClockKind, budgetMs: number, at: string): SlaClock {
  const dueAt = plus(calendar, at, budgetMs);
  return { kind, budgetMs, consumedMs: 0, runningSince: at, dueAt, stoppedAt: null, lastDueAt: dueAt };
}

/** Business time consumed up to `at` (the banked part plus the running part). */
export function consumedAt(calendar: BusinessCalendar, clock: SlaClock, at: string): number {
  if (clock.runningSince === null) return clock.consumedMs;
  return clock.consumedMs + Math.max(0, businessMsBetween(calendar, clock.runningSince, at));
}

/**
 * Business time left at `at`; negative once overdue. While running, counted between `at` and the deadline
 * (the same value as budget minus consumed, but the walk is only as long as the time left or overdue).
 */
export function leftAt(calendar: BusinessCalendar, clock: SlaClock, at: string): number {
  if (clock.runningSince === null || clock.dueAt === null) return clock.budgetMs - clock.consumedMs;
  return at <= clock.dueAt ? businessMsBetween(calendar, at, clock.dueAt) : -businessMsBetween(calendar, clock.dueAt, at);
}

export const isRunning = (clock: SlaClock): boolean => clock.runningSince !== null;

/**
 * Whether the clock is breached at `at`: a running clock once its deadline is reached; a paused or met one
 * once it consumed more than its budget (met exactly at the deadline is in time).
 */
export const isOverdue = (calendar: BusinessCalendar, clock: SlaClock, at: string): boolean =>
  clock.runningSince !== null ? consumedAt(calendar, clock, at) >= clock.budgetMs : clock.consumedMs > clock.budgetMs;

/** Banks the time consumed so far and stops counting (waiting on the customer). */
export function pauseClock(calendar: BusinessCalendar, clock: SlaClock, at: string): SlaClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, consumedMs: consumedAt(calendar, clock, at), runningSince: null, dueAt: null };
}

/** Counts again from `at` with what is left; an exhausted budget is due at once (K3: a reopened complaint can breach at once). */
export function resumeClock(calendar: BusinessCalendar, clock: SlaClock, at: string): SlaClock {
  if (clock.runningSince !== null || clock.stoppedAt !== null) return clock;
  const left = Math.max(0, clock.budgetMs - clock.consumedMs);
  const dueAt = plus(calendar, at, left);
  return { ...clock, runningSince: at, dueAt, lastDueAt: dueAt };
}

export function stopClock(calendar: BusinessCalendar, clock: SlaClock, at: string): SlaClock {
  if (clock.stoppedAt !== null) return clock;
  return { ...pauseClock(calendar, clock, at), stoppedAt: at };
}

/** A met clock counts again (a rejected resolution reopens the complaint), from the time it had consumed. */
export const restartClock = (calendar: BusinessCalendar, clock: SlaClock, at: string): SlaClock =>
  resumeClock(calendar, { ...pauseClock(calendar, clock, at), stoppedAt: null }, at);

/** The owning team changed: the time consumed stays, what is left is counted on the new team's calendar. */
export const moveClock = (from: BusinessCalendar, to: BusinessCalendar, clock: SlaClock, at: string): SlaClock =>
  clock.runningSince === null ? clock : resumeClock(to, pauseClock(from, clock, at), at);
