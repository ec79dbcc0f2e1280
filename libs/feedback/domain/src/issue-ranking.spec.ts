import { surveyOrder } from './importance';
import { rankIssues, type IssueStats } from './issue-ranking';

const stats = (responses: number, scoreSum: number, lost = 0, weightedResponses = responses): IssueStats => ({ responses, scoreSum, lost, weightedResponses });

describe('outer loop (F6) and importance first (F1)', () => {
  it('F6: categories rank by frequency × damage: a frequent, score-dragging category beats a rare one', () => {
    const total = stats(100, 700);
    const ranked = rankIssues(total, { service: stats(40, 160, 4), price: stats(10, 60), 'product-performance': stats(5, 45) });
    expect(ranked.map((r) => r.category)).toEqual(['service', 'price', 'product-performance']);
    // service: mean 4 vs 9 elsewhere → gap 5 → 0.5, plus 10% lost → damage 0.6; frequency 0.4 → impact 0.24
    expect(ranked[0]).toMatchObject({ frequency: 0.4, scoreGap: 5, lostShare: 0.1, damage: 0.6, impact: 0.24 });
  });

  it('F6: later churn is damage too: with equal scores, the category whose customers left ranks first', () => {
    const ranked = rankIssues(stats(40, 240), { price: stats(10, 60, 0), service: stats(10, 60, 5) });
    expect(ranked.map((r) => r.category)).toEqual(['service', 'price']);
  });

  it('F6: most important customers first: weighted by tier, a category cited by top-tier customers ranks higher', () => {
    const ranked = rankIssues(stats(20, 100, 0, 40), { price: stats(5, 15, 0, 5), service: stats(5, 15, 0, 25) });
    expect(ranked[0]?.category).toBe('service');
  });

  it('F6: no responses give an empty list, not a division by zero', () => {
    expect(rankIssues(stats(0, 0), { price: stats(0, 0) })).toEqual([]);
  });

  it('F1: with limited capacity, higher tiers and then larger share of wallet are asked first', () => {
    const order = surveyOrder(
      [
        { customerId: 'a', tier: 'silver', shareOfWallet: 0.9 },
        { customerId: 'b', tier: 'diamond', shareOfWallet: 0.1 },
        { customerId: 'c', tier: 'silver', shareOfWallet: null },
        { customerId: 'd', tier: null, shareOfWallet: 1 },
        { customerId: 'e', tier: 'diamond', shareOfWallet: 0.5 },
      ],
      4,
    );
    expect(order.map((c) => c.customerId)).toEqual(['e', 'b', 'a', 'c']);
  });
});
