/** Instants are kept as ISO strings in UTC with milliseconds, so string order is time order. */
export const normalisedInstant = (value: string): string => new Date(Date.parse(value)).toISOString();
