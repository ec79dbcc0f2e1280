/**
 * Calendar arithmetic in UTC on ISO-8601 strings, the only time representation events carry. Pure, so every
 * context's deciders share it through the platform core instead of keeping copies.
 */

export const DAY_MS = 86_400_000;

export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** Adds calendar months; the 31st of a month clamps to the last day of a shorter month. */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

export const maxIso = (...values: readonly (string | null | undefined)[]): string | null =>
  values.reduce<string | null>((max, v) => (v && (max === null || v > max) ? v : max), null);

export const minIso = (...values: readonly (string | null | undefined)[]): string | null =>
  values.reduce<string | null>((min, v) => (v && (min === null || v < min) ? v : min), null);
