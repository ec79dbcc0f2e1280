import type { FeedbackPolicy } from './feedback.policy';

/** F1: promoter 9–10, passive 7–8, detractor 0–6. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export const isScore = (score: unknown): score is number => typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= 10;

export function classify(score: number): NpsCategory {
  if (!isScore(score)) throw new RangeError(`an NPS score is an integer 0–10, not ${score}`);
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * Counts of one segment. Kept as sums (not a list of answers) so a board over a million answers reads a few
 * documents: the margin needs only the counts.
 */
export interface NpsTally {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** F5: answers at or above the policy's "satisfied" score. */
  readonly satisfied: number;
}

export const emptyTally = (): NpsTally => ({ promoters: 0, passives: 0, detractors: 0, satisfied: 0 });

export function addToTally(tally: NpsTally, score: number, policy: Pick<FeedbackPolicy, 'satisfiedFrom'>, sign: 1 | -1 = 1): NpsTally {
  const category = classify(score);
  return {
    promoters: tally.promoters + (category === 'promoter' ? sign : 0),
    passives: tally.passives + (category === 'passive' ? sign : 0),
    detractors: tally.detractors + (category === 'detractor' ? sign : 0),
    satisfied: tally.satisfied + (score >= policy.satisfiedFrom ? sign : 0),
  };
}

export const mergeTallies = (a: NpsTally, b: NpsTally): NpsTally => ({
  promoters: a.promoters + b.promoters,
  passives: a.passives + b.passives,
  detractors: a.detractors + b.detractors,
  satisfied: a.satisfied + b.satisfied,
});

export interface NpsResult {
  /** Always shown: the number of answers behind the figure. */
  readonly count: number;
  /** −100..100, or null when nobody answered (no answers is not an NPS of 0). */
  readonly nps: number | null;
  /** Half-width of the 95% confidence interval, in NPS points; null with no answers. */
  readonly marginOfError: number | null;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** F5: 100% satisfied on a meaningful count: more likely a biased survey than a perfect segment. */
  readonly likelyBiased: boolean;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
/** Normal approximation, two-sided 95%. */
const Z95 = 1.959964;

/**
 * F1: NPS = %promoters − %detractors; passives count only in the denominator. Each answer is a draw of
 * +1 (promoter), 0 (passive) or −1 (detractor); NPS is 100 × their mean, and its standard error is
 * 100 × sqrt((p + d − (p − d)²) / n) with p, d the shares. The margin is 1.96 standard errors.
 */
export function npsOf(tally: NpsTally, policy: Pick<FeedbackPolicy, 'biasMinAnswers'>): NpsResult {
  const count = tally.promoters + tally.passives + tally.detractors;
  const base = { count, promoters: tally.promoters, passives: tally.passives, detractors: tally.detractors };
  if (count === 0) return { ...base, nps: null, marginOfError: null, likelyBiased: false };
  const p = tally.promoters / count;
  const d = tally.detractors / count;
  const variance = Math.max(0, p + d - (p - d) ** 2);
  return {
    ...base,
    nps: round1(100 * (p - d)) + 0,
    marginOfError: round1(100 * Z95 * Math.sqrt(variance / count)),
    likelyBiased: isLikelyBiased(tally, policy),
  };
}

/** F5: a segment where every one of at least `biasMinAnswers` answers is satisfied is flagged, not celebrated. */
export function isLikelyBiased(tally: NpsTally, policy: Pick<FeedbackPolicy, 'biasMinAnswers'>): boolean {
  const count = tally.promoters + tally.passives + tally.detractors;
  return count >= policy.biasMinAnswers && tally.satisfied === count;
}
