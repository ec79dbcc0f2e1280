import type { ComplaintCategory, RootCauseKind } from './complaint.vocabulary';

/** K7: what the trends need of one complaint (a projection keeps these). */
export interface ComplaintFacts {
  readonly complaintId: string;
  readonly customerId: string;
  readonly category: ComplaintCategory;
  readonly receivedAt: string;
  /** When the customer confirmed the resolution (K5); null while open. */
  readonly closedAt: string | null;
  /** Whether any of its SLA clocks was breached (K3). */
  readonly breached: boolean;
  readonly rootCause: { readonly kind: RootCauseKind; readonly code: string } | null;
  readonly concessions: number;
}

export interface TrendOptions {
  readonly repeatComplaints: number;
  readonly repeatWindowDays: number;
  readonly concessionWatchMinComplaints: number;
}

export interface Trends {
  readonly perCategoryPerWeek: readonly { readonly week: string; readonly category: ComplaintCategory; readonly count: number }[];
  readonly repeatComplainers: readonly { readonly customerId: string; readonly complaints: number }[];
  /** Share of complaints with no breached clock, in percent (one decimal); null without complaints. */
  readonly slaCompliancePercent: number | null;
  /** Received → confirmed, over closed complaints (nearest-rank percentiles), in milliseconds. */
  readonly timeToResolveMs: { readonly p50: number | null; readonly p90: number | null; readonly closed: number };
  /** A root cause repeating across customers is systemic, whatever a single rep classified it as. */
  readonly systemicRootCauses: readonly { readonly code: string; readonly customers: number; readonly recordedAs: readonly RootCauseKind[] }[];
  /** K6: customers whose complaints mostly end in a concession. */
  readonly concessionWatch: readonly { readonly customerId: string; readonly complaints: number; readonly withConcession: number }[];
}

const DAY_MS = 86_400_000;

/** ISO 8601 week of an instant (UTC), e.g. `2026-W02`. */
export function isoWeek(at: string): string {
  const d = new Date(at);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

const byCustomer = (facts: readonly ComplaintFacts[]): Map<string, ComplaintFacts[]> => {
  const map = new Map<string, ComplaintFacts[]>();
  for (const f of facts) map.set(f.customerId, [...(map.get(f.customerId) ?? []), f]);
  return map;
};

/** The most complaints of one customer within any window of `days` days. */
function mostWithin(facts: readonly ComplaintFacts[], days: number): number {
  const times = facts.map((f) => Date.parse(f.receivedAt)).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! > days * DAY_MS) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

export function trendsOf(facts: readonly ComplaintFacts[], options: TrendOptions): Trends {
  const weeks = new Map<string, number>();
  for (const f of facts) {
    const key = `${isoWeek(f.receivedAt)}|${f.category}`;
    weeks.set(key, (weeks.get(key) ?? 0) + 1);
  }
  const perCategoryPerWeek = [...weeks.entries()]
    .map(([key, count]) => {
      const [week, category] = key.split('|') as [string, ComplaintCategory];
      return { week, category, count };
    })
    .sort((a, b) => a.week.localeCompare(b.week) || a.category.localeCompare(b.category));

  const customers = byCustomer(facts);
  const repeatComplainers = [...customers.entries()]
    .map(([customerId, list]) => ({ customerId, complaints: mostWithin(list, options.repeatWindowDays) }))
    .filter((r) => r.complaints >= options.repeatComplaints)
    .sort((a, b) => b.complaints - a.complaints || a.customerId.localeCompare(b.customerId));

  const met = facts.filter((f) => !f.breached).length;
  const slaCompliancePercent = facts.length === 0 ? null : Math.round((met / facts.length) * 1000) / 10;

  const durations = facts.filter((f) => f.closedAt !== null).map((f) => Date.parse(f.closedAt!) - Date.parse(f.receivedAt)).sort((a, b) => a - b);

  const causes = new Map<string, { customers: Set<string>; kinds: Set<RootCauseKind> }>();
  for (const f of facts) {
    if (!f.rootCause || f.rootCause.kind === 'customer-caused' || f.rootCause.code === '') continue;
    const entry = causes.get(f.rootCause.code) ?? { customers: new Set<string>(), kinds: new Set<RootCauseKind>() };
    entry.customers.add(f.customerId);
    entry.kinds.add(f.rootCause.kind);
    causes.set(f.rootCause.code, entry);
  }
  const systemicRootCauses = [...causes.entries()]
    .filter(([, e]) => e.customers.size >= 2)
    .map(([code, e]) => ({ code, customers: e.customers.size, recordedAs: [...e.kinds].sort() }))
    .sort((a, b) => b.customers - a.customers || a.code.localeCompare(b.code));

  const concessionWatch = [...customers.entries()]
    .map(([customerId, list]) => ({ customerId, complaints: list.length, withConcession: list.filter((f) => f.concessions > 0).length }))
    .filter((c) => c.complaints >= options.concessionWatchMinComplaints && c.withConcession * 2 > c.complaints)
    .sort((a, b) => b.withConcession - a.withConcession || a.customerId.localeCompare(b.customerId));

  return {
    perCategoryPerWeek,
    repeatComplainers,
    slaCompliancePercent,
    timeToResolveMs: { p50: percentile(durations, 50), p90: percentile(durations, 90), closed: durations.length },
    systemicRootCauses,
    concessionWatch,
  };
}
