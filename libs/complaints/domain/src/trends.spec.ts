import { isoWeek, percentile, trendsOf, type ComplaintFacts } from './trends';

const HOUR = 3_600_000;
const fact = (n: number, overrides: Partial<ComplaintFacts>): ComplaintFacts => ({
  complaintId: `k-${n}`,
  customerId: 'c-1',
  category: 'delivery',
  receivedAt: '2026-03-02T09:00:00.000Z',
  closedAt: null,
  breached: false,
  rootCause: null,
  concessions: 0,
  ...overrides,
});
const options = { repeatComplaints: 3, repeatWindowDays: 90, concessionWatchMinComplaints: 3 };

describe('complaint trends (K7)', () => {
  it('K7: ISO weeks, as a week starting on Monday; 1 January 2027 belongs to 2026-W53', () => {
    expect(isoWeek('2026-03-02T00:00:00.000Z')).toBe('2026-W10');
    expect(isoWeek('2026-03-08T23:59:59.000Z')).toBe('2026-W10');
    expect(isoWeek('2027-01-01T12:00:00.000Z')).toBe('2026-W53');
  });

  it('K7: complaints per category per week', () => {
    const t = trendsOf(
      [fact(1, {}), fact(2, { customerId: 'c-2' }), fact(3, { category: 'billing' }), fact(4, { receivedAt: '2026-03-10T09:00:00.000Z' })],
      options,
    );
    expect(t.perCategoryPerWeek).toEqual([
      { week: '2026-W10', category: 'billing', count: 1 },
      { week: '2026-W10', category: 'delivery', count: 2 },
      { week: '2026-W11', category: 'delivery', count: 1 },
    ]);
  });

  it('K7: repeat complainers — three complaints within 90 days; spread wider they are not', () => {
    const close = [0, 30, 60].map((d, i) => fact(i, { receivedAt: new Date(Date.parse('2026-01-01T00:00:00Z') + d * 86_400_000).toISOString() }));
    const spread = [0, 100, 200].map((d, i) => fact(10 + i, { customerId: 'c-2', receivedAt: new Date(Date.parse('2026-01-01T00:00:00Z') + d * 86_400_000).toISOString() }));
    expect(trendsOf([...close, ...spread], options).repeatComplainers).toEqual([{ customerId: 'c-1', complaints: 3 }]);
  });

  it('K7: SLA compliance in percent, and time-to-resolve p50/p90 over confirmed complaints', () => {
    const closedAfter = (n: number, hours: number, breached = false): ComplaintFacts =>
      fact(n, { closedAt: new Date(Date.parse('2026-03-02T09:00:00.000Z') + hours * HOUR).toISOString(), breached });
    const facts = [...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((h) => closedAfter(h, h * 10)), closedAfter(10, 100, true), fact(11, { breached: true }), fact(12, {})];
    const t = trendsOf(facts, options);
    expect(t.slaCompliancePercent).toBe(83.3);
    expect(t.timeToResolveMs).toEqual({ p50: 50 * HOUR, p90: 90 * HOUR, closed: 10 });
    expect(percentile([], 50)).toBeNull();
  });

  it('K7: a root cause repeating across customers is flagged systemic, even if each rep called it specific', () => {
    const t = trendsOf(
      [
        fact(1, { rootCause: { kind: 'specific', code: 'courier-late' } }),
        fact(2, { customerId: 'c-2', rootCause: { kind: 'specific', code: 'courier-late' } }),
        fact(3, { customerId: 'c-3', rootCause: { kind: 'specific', code: 'rude-driver' } }),
        fact(4, { rootCause: { kind: 'specific', code: 'rude-driver' } }),
        fact(5, { customerId: 'c-4', rootCause: { kind: 'customer-caused', code: 'misuse' } }),
        fact(6, { customerId: 'c-5', rootCause: { kind: 'customer-caused', code: 'misuse' } }),
      ],
      options,
    );
    expect(t.systemicRootCauses).toEqual([
      { code: 'courier-late', customers: 2, recordedAs: ['specific'] },
      { code: 'rude-driver', customers: 2, recordedAs: ['specific'] },
    ]);
  });

  it('K6/K7: a customer whose complaints mostly end in a concession is visible', () => {
    const t = trendsOf(
      [fact(1, { concessions: 1 }), fact(2, { concessions: 2 }), fact(3, {}), fact(4, { customerId: 'c-2', concessions: 1 }), fact(5, { customerId: 'c-2' }), fact(6, { customerId: 'c-2' })],
      options,
    );
    expect(t.concessionWatch).toEqual([{ customerId: 'c-1', complaints: 3, withConcession: 2 }]);
  });
});
