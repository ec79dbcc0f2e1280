/**
 * S1 cadences and the moments when time alone changes a customer (C4, C6). The review times mirror the
 * customers policy defaults (`customers-policy-2026.1`); a review at a moment when nothing is due changes
 * nothing, so a difference costs a no-op review, and the customers service decides with its own policy.
 */
export interface CadencePolicy {
  readonly version: string;
  readonly followUp: {
    /** Prospect with intent: every 14–21 days; the owner's planned next step is honoured within that. */
    readonly withIntentDays: { readonly default: number; readonly max: number };
    /** New buyer: weekly for this many weeks after the first purchase, then monthly. */
    readonly newBuyerWeeks: number;
    readonly newBuyerThenMonths: number;
    readonly longStandingMonths: number;
    readonly withoutIntentMonths: number;
    readonly lapsedMonths: number;
    readonly wonBackMonths: number;
    readonly leavingDays: number;
  };
  readonly review: {
    readonly reclaimAfterDays: number;
    readonly warnDaysBefore: number;
    readonly newBuyerMonths: number;
    readonly lapsedAfterMonths: number;
    readonly wonBackMonths: number;
  };
}

export const defaultCadencePolicy: CadencePolicy = {
  version: 'cadence-2026.1',
  followUp: {
    withIntentDays: { default: 14, max: 21 },
    newBuyerWeeks: 12,
    newBuyerThenMonths: 1,
    longStandingMonths: 1,
    withoutIntentMonths: 2,
    lapsedMonths: 2,
    wonBackMonths: 1,
    leavingDays: 7,
  },
  review: { reclaimAfterDays: 90, warnDaysBefore: 14, newBuyerMonths: 3, lapsedAfterMonths: 12, wonBackMonths: 3 },
};
