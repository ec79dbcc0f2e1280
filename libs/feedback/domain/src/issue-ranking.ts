import type { WhyCategory } from './customer-feedback.events';

/** Sums kept per category (and overall) by the outer-loop read model. */
export interface IssueStats {
  readonly responses: number;
  readonly scoreSum: number;
  /** Responses weighted by the customer's importance (tier), so important customers count first. */
  readonly weightedResponses: number;
  /** Responses whose customer later left (lost or leaving on the customers topic). */
  readonly lost: number;
}

export const emptyIssueStats = (): IssueStats => ({ responses: 0, scoreSum: 0, weightedResponses: 0, lost: 0 });

export interface RankedIssue {
  readonly category: WhyCategory;
  readonly responses: number;
  /** Share of (importance-weighted) responses citing it. */
  readonly frequency: number;
  /** How many points lower the scores of responses citing it are than those not citing it. */
  readonly scoreGap: number;
  /** Share of citing responses whose customer later left. */
  readonly lostShare: number;
  /** scoreGap / 10 + lostShare: lower scores and later churn. */
  readonly damage: number;
  /** frequency × damage: the order of the list. */
  readonly impact: number;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * F6 (outer loop): each category's frequency among responses times the damage it does — how much lower
 * the scores citing it are, and how many of those customers later left. Most harm first.
 */
export function rankIssues(total: IssueStats, byCategory: Readonly<Partial<Record<WhyCategory, IssueStats>>>): RankedIssue[] {
  const ranked: RankedIssue[] = [];
  for (const [category, stats] of Object.entries(byCategory) as [WhyCategory, IssueStats][]) {
    if (stats.responses === 0 || total.responses === 0) continue;
    const others = total.responses - stats.responses;
    const meanWith = stats.scoreSum / stats.responses;
    const meanWithout = others > 0 ? (total.scoreSum - stats.scoreSum) / others : meanWith;
    const scoreGap = Math.max(0, meanWithout - meanWith);
    const lostShare = stats.lost / stats.responses;
    const frequency = total.weightedResponses > 0 ? stats.weightedResponses / total.weightedResponses : 0;
    const damage = scoreGap / 10 + lostShare;
    ranked.push({ category, responses: stats.responses, frequency: round3(frequency), scoreGap: round3(scoreGap), lostShare: round3(lostShare), damage: round3(damage), impact: round3(frequency * damage) });
  }
  return ranked.sort((a, b) => b.impact - a.impact || b.responses - a.responses || a.category.localeCompare(b.category));
}
