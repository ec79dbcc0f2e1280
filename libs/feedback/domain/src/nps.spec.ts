import { defaultFeedbackPolicy as policy } from './feedback.policy';
import { addToTally, classify, emptyTally, npsOf, type NpsTally } from './nps';

const tallyOf = (scores: readonly number[]): NpsTally => scores.reduce((t, s) => addToTally(t, s, policy), emptyTally());
const many = (score: number, n: number): number[] => Array.from({ length: n }, () => score);

describe('NPS arithmetic (F1) and biased surveys (F5)', () => {
  it('F1: promoter 9–10, passive 7–8, detractor 0–6', () => {
    expect([0, 6, 7, 8, 9, 10].map(classify)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    expect(() => classify(11)).toThrow(RangeError);
  });

  it('F1: no answers give no NPS (not 0), and no margin', () => {
    expect(npsOf(emptyTally(), policy)).toEqual({ count: 0, nps: null, marginOfError: null, promoters: 0, passives: 0, detractors: 0, likelyBiased: false });
  });

  it('F1: all passives give 0, with the count and a margin of 0', () => {
    expect(npsOf(tallyOf(many(7, 20)), policy)).toMatchObject({ count: 20, nps: 0, marginOfError: 0 });
  });

  it('F1: all detractors give −100; all promoters +100', () => {
    expect(npsOf(tallyOf(many(3, 12)), policy)).toMatchObject({ count: 12, nps: -100, marginOfError: 0 });
    expect(npsOf(tallyOf(many(10, 12)), policy)).toMatchObject({ count: 12, nps: 100, marginOfError: 0 });
  });

  it('F1: passives count only in the denominator; the 95% margin shrinks with the count', () => {
    // 50 promoters, 30 passives, 20 detractors: NPS 30; variance 0.7 − 0.09 = 0.61; margin 1.96 × sqrt(0.61/100) × 100 ≈ 15.3
    const hundred = tallyOf([...many(9, 50), ...many(8, 30), ...many(0, 20)]);
    expect(npsOf(hundred, policy)).toMatchObject({ count: 100, nps: 30, marginOfError: 15.3 });
    const tenThousand: NpsTally = { promoters: 5000, passives: 3000, detractors: 2000, satisfied: 5000 };
    expect(npsOf(tenThousand, policy)).toMatchObject({ count: 10_000, nps: 30, marginOfError: 1.5 });
  });

  it('F5: a segment 100% satisfied over 30 answers is flagged as a likely biased survey', () => {
    expect(npsOf(tallyOf(many(10, 30)), policy).likelyBiased).toBe(true);
  });

  it('F5: fewer than 30 answers, or one unsatisfied answer, is not flagged', () => {
    expect(npsOf(tallyOf(many(10, 29)), policy).likelyBiased).toBe(false);
    expect(npsOf(tallyOf([...many(10, 40), 8]), policy).likelyBiased).toBe(false);
  });

  it('F5: the tally can take an answer back (a merged or erased customer), leaving the arithmetic exact', () => {
    const back = addToTally(tallyOf([9, 3]), 3, policy, -1);
    expect(npsOf(back, policy)).toMatchObject({ count: 1, nps: 100 });
  });
});
