import { Transform } from 'class-transformer';

/** Trims strings so "  " fails a length check instead of being stored. */
export const Trim = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const REASON_MAX = 1_000;
export const TEXT_MAX = 4_000;

export const dateOrNull = (iso: string | undefined): Date | null => (iso === undefined ? null : new Date(iso));
