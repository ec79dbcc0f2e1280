/** F1: the dimensions an NPS board segments by. `overall` has the one value `all`. */
export const DIMENSIONS = ['overall', 'tier', 'grade', 'stage', 'owner', 'team', 'industry'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const NONE = 'none';

/** ISO-8601 week of a UTC instant, e.g. `2026-W10`. */
export function isoWeek(iso: string): string {
  const date = new Date(iso);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const isoMonth = (iso: string): string => iso.slice(0, 7);

/** Periods a segment is kept for: all time, and the calendar month; the overall figure also by ISO week. */
export const periodsOf = (dimension: Dimension, answeredAt: string): string[] =>
  dimension === 'overall' ? ['all', `month:${isoMonth(answeredAt)}`, `week:${isoWeek(answeredAt)}`] : ['all', `month:${isoMonth(answeredAt)}`];

export const segmentId = (dimension: Dimension, value: string, period: string): string => `${dimension}|${value}|${period}`;
