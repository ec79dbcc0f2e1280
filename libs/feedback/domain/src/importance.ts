/** C8 tiers, lowest first; a customer with no tier yet ranks below members. */
export const TIERS = ['member', 'silver', 'gold', 'platinum', 'diamond'] as const;
export type Tier = (typeof TIERS)[number];

/** Importance weight of a customer by tier (1 with no tier), for F1 ordering and F6 weighting. */
export const tierWeight = (tier: Tier | null): number => (tier === null ? 1 : TIERS.indexOf(tier) + 1);

export interface SurveyCandidate {
  readonly customerId: string;
  readonly tier: Tier | null;
  /** C12 share of wallet, 0..1, or null when not estimated. */
  readonly shareOfWallet: number | null;
}

/**
 * F1: "start with the most important customers": when survey capacity is limited, higher tiers are asked
 * first and, within a tier, the larger share of wallet; ties by id so the order is stable.
 */
export function surveyOrder<C extends SurveyCandidate>(candidates: readonly C[], capacity: number): C[] {
  return [...candidates]
    .sort((a, b) => tierWeight(b.tier) - tierWeight(a.tier) || (b.shareOfWallet ?? -1) - (a.shareOfWallet ?? -1) || a.customerId.localeCompare(b.customerId))
    .slice(0, Math.max(0, capacity));
}
