import { addDays, addMonths, maxIso, minIso } from './iso-time';

describe('calendar arithmetic on ISO-8601 instants (UTC)', () => {
  it('adds days across a month end and a leap day', () => {
    expect(addDays('2028-02-28T09:00:00.000Z', 1)).toBe('2028-02-29T09:00:00.000Z');
    expect(addDays('2026-12-31T23:00:00.000Z', 1)).toBe('2027-01-01T23:00:00.000Z');
  });

  it('adds months, clamping the 31st to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31T09:00:00.000Z', 1)).toBe('2026-02-28T09:00:00.000Z');
    expect(addMonths('2026-03-31T09:00:00.000Z', -1)).toBe('2026-02-28T09:00:00.000Z');
    expect(addMonths('2026-05-15T09:00:00.000Z', 12)).toBe('2027-05-15T09:00:00.000Z');
  });

  it('takes the latest and earliest of instants, skipping missing ones', () => {
    expect(maxIso(null, '2026-01-02T00:00:00.000Z', undefined, '2026-01-01T00:00:00.000Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(minIso(null, '2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(maxIso(null, undefined)).toBeNull();
  });
});
