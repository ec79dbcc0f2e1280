/**
 * Policy defaults of the customers service. Every number a sales manager might want to tune lives here,
 * under a version string that is recorded on every event the policy shaped, so an auditor can tell
 * which rule set produced a tier change or a reclaim years later.
 */
export type Tier = 'member' | 'silver' | 'gold' | 'platinum' | 'diamond';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E', 'F'];

export interface CustomerPolicy {
  readonly version: string;
  /**
   * C4: days without an owner's contact before the customer becomes reclaimable, and the warning lead;
   * a reclaimed customer's first contact by the new owner is due this many days after the reclaim.
   */
  readonly reclaim: { readonly afterDays: number; readonly warnDaysBefore: number; readonly newOwnerFirstContactDays: number };
  /** C1: numbers written without a country code are read in this region (ISO 3166 alpha-2); `+…` always works. */
  readonly phone: { readonly defaultRegion: string };
  /** C6: windows of the lifecycle stages. */
  readonly lifecycle: {
    readonly newBuyerMonths: number;
    readonly lapsedAfterMonths: number;
    /** How long "won back" is shown before the purchase-based stage takes over again. */
    readonly wonBackMonths: number;
    /** Grades that count as "prospect with intent" (A ready, B will buy, C blocked only externally). */
    readonly intentGrades: readonly Grade[];
  };
  /** C8: points per currency unit spent and per referred customer's first purchase. */
  readonly points: { readonly perCurrencyUnit: number; readonly perReferral: number };
  /** C8: lifetime points from which each tier starts; member starts at the first purchase. */
  readonly tiers: Readonly<Record<Exclude<Tier, 'member'>, number>>;
  /** C9: a card field not confirmed for this long is shown as stale. */
  readonly card: { readonly staleAfterMonths: number };
  /**
   * C12: share of wallet compares spend over this window. All amounts are in one currency. Categories are one
   * catalogue, compared case- and spacing-insensitively; an empty catalogue accepts any category (normalised).
   */
  readonly wallet: { readonly windowMonths: number; readonly currency: string; readonly categories: readonly string[] };
  /** C1: a phone/email claim whose customer never got registered (crash mid-registration) is freed after this. */
  readonly registry: { readonly orphanClaimGraceSeconds: number };
}

export const defaultCustomerPolicy: CustomerPolicy = {
  version: 'customers-policy-2026.2',
  reclaim: { afterDays: 90, warnDaysBefore: 14, newOwnerFirstContactDays: 7 },
  // The practitioners the rules come from sell in mainland China: 138 0013 8000 is a customer's number as given.
  phone: { defaultRegion: 'CN' },
  lifecycle: { newBuyerMonths: 3, lapsedAfterMonths: 12, wonBackMonths: 3, intentGrades: ['A', 'B', 'C'] },
  points: { perCurrencyUnit: 1, perReferral: 500 },
  tiers: { silver: 5_000, gold: 20_000, platinum: 50_000, diamond: 100_000 },
  card: { staleAfterMonths: 12 },
  wallet: { windowMonths: 12, currency: 'USD', categories: [] },
  registry: { orphanClaimGraceSeconds: 300 },
};

/** C8: the tier for a lifetime point total; no tier before the first purchase. */
export function tierFor(lifetimePoints: number, hasPurchased: boolean, policy: CustomerPolicy): Tier | null {
  if (!hasPurchased) return null;
  let tier: Tier = 'member';
  for (const candidate of ['silver', 'gold', 'platinum', 'diamond'] as const) {
    if (lifetimePoints >= policy.tiers[candidate]) tier = candidate;
  }
  return tier;
}

/** C8: points earned by a purchase; fractions of a unit earn nothing. */
export const purchasePoints = (amount: number, policy: CustomerPolicy): number => Math.floor(amount * policy.points.perCurrencyUnit);
