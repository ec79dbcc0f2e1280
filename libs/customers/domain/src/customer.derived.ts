import { normalizeCategory } from './category';
import type { CustomerEvent, PurchaseFact, Stage, WalletShare } from './customer.events';
import { tierFor, type CustomerPolicy } from './customer.policy';
import type { CustomerRecord } from './customer.state';
import { addDays, addMonths, maxIso, minIso } from './time';

/**
 * Values derived from a customer's events and the clock: lifecycle stage (C6), tier (C8), share of wallet
 * (C12) and reclaimability (C4). They are pure functions so the decider, the sweep and the read side agree.
 */

/** Own purchases and those of every record merged into this one (C2: the survivor keeps both histories). */
export const allPurchases = (s: CustomerRecord): readonly PurchaseFact[] => [...s.purchases, ...s.absorbed.flatMap((a) => a.purchases)];

export const lifetimePoints = (s: CustomerRecord): number => s.ownPoints + s.absorbed.reduce((sum, a) => sum + a.lifetimePoints, 0);

/** The survivor's own estimate of a category wins over an absorbed one; categories compare normalised (C12). */
export const allEstimates = (s: CustomerRecord): Readonly<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const estimates of [...s.absorbed.map((a) => a.estimates), s.estimates]) {
    for (const [category, amount] of Object.entries(estimates)) out[normalizeCategory(category)] = amount;
  }
  return out;
};

/** C12: our spend per (normalised) category over the wallet window ending at `now`. */
export function spendInWindow(s: CustomerRecord, now: Date, policy: CustomerPolicy): Map<string, number> {
  const at = now.toISOString();
  const from = addMonths(at, -policy.wallet.windowMonths);
  const spend = new Map<string, number>();
  for (const p of allPurchases(s)) {
    const category = normalizeCategory(p.category);
    if (p.occurredAt > from && p.occurredAt <= at) spend.set(category, (spend.get(category) ?? 0) + p.amount);
  }
  return spend;
}

/** C4: the reclaim clock runs from the owner's last contact, or from when they got the customer. */
export const reclaimBasis = (s: CustomerRecord): string => maxIso(s.ownerSince, s.lastOwnerContactAt)!;

export const reclaimableAt = (s: CustomerRecord, policy: CustomerPolicy): string => addDays(reclaimBasis(s), policy.reclaim.afterDays);

export function reclaimStatusAt(s: CustomerRecord, now: Date, policy: CustomerPolicy): CustomerRecord['reclaim'] {
  const at = now.toISOString();
  const due = reclaimableAt(s, policy);
  if (at >= due) return 'reclaimable';
  return at >= addDays(due, -policy.reclaim.warnDaysBefore) ? 'warned' : 'ok';
}

/** C6: intent comes from the grade (A–C by default) or, before any grading, from the last contact's outcome. */
const hasIntent = (s: CustomerRecord, policy: CustomerPolicy): boolean =>
  s.grade !== null ? policy.lifecycle.intentGrades.includes(s.grade) : s.lastOutcome === 'interested' || s.lastOutcome === 'purchased';

export function stageAt(s: CustomerRecord, now: Date, policy: CustomerPolicy): Stage {
  const at = now.toISOString();
  const purchases = allPurchases(s);
  const lastPurchase = maxIso(...purchases.map((p) => p.occurredAt));
  if (s.winBack?.status === 'open') return 'leaving';
  // A lost customer stays lost until they buy again.
  if (s.winBack?.status === 'lost' && !(lastPurchase && lastPurchase > s.winBack.closedAt!)) return 'lost';
  if (s.lastWonBackAt && at < addMonths(s.lastWonBackAt, policy.lifecycle.wonBackMonths)) return 'won-back';
  if (!lastPurchase) return hasIntent(s, policy) ? 'prospect-with-intent' : 'prospect-without-intent';
  if (at >= addMonths(lastPurchase, policy.lifecycle.lapsedAfterMonths)) return 'lapsed';
  const firstPurchase = minIso(...purchases.map((p) => p.occurredAt))!;
  return at < addMonths(firstPurchase, policy.lifecycle.newBuyerMonths) ? 'new-buyer' : 'long-standing';
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * C12: a share is never above 100%. When our spend outgrows an estimate (purchases after it was made),
 * the share shows 1 and is flagged, so the owner revisits the estimate instead of a report showing 336%.
 */
function walletShare(ourSpend: number, estimatedSpend: number): WalletShare {
  const share = { share: Math.min(1, round(ourSpend / estimatedSpend, 4)), ourSpend, estimatedSpend };
  return ourSpend > estimatedSpend ? { ...share, estimateBelowOurSpend: true } : share;
}

/** C12: our spend in the window over the customer's estimated spend, per estimated category and overall. */
export function shareOfWalletAt(
  s: CustomerRecord,
  now: Date,
  policy: CustomerPolicy,
): { overall: WalletShare | null; byCategory: Record<string, WalletShare> } {
  const estimates = allEstimates(s);
  const spend = spendInWindow(s, now, policy);
  const byCategory: Record<string, WalletShare> = {};
  let ours = 0;
  let theirs = 0;
  for (const [category, estimated] of Object.entries(estimates).sort(([a], [b]) => a.localeCompare(b))) {
    if (estimated <= 0) continue;
    const ourSpend = round(spend.get(category) ?? 0, 2);
    byCategory[category] = walletShare(ourSpend, estimated);
    ours += ourSpend;
    theirs += estimated;
  }
  const overall = theirs > 0 ? walletShare(round(ours, 2), round(theirs, 2)) : null;
  return { overall, byCategory };
}

const RECLAIM_RANK = { ok: 0, warned: 1, reclaimable: 2 } as const;

/**
 * The events that bring the announced derived values up to date after a decision, at the command's time.
 * Every command runs through this, and the sweep is nothing but this: so stage, tier, share and
 * reclaimability change only by events, and other services can react to them.
 */
export function derivedChanges(s: CustomerRecord, now: Date, policy: CustomerPolicy): CustomerEvent[] {
  if (s.status !== 'active') return [];
  const at = now.toISOString();
  const base = { customerId: s.customerId, at, policyVersion: policy.version };
  const events: CustomerEvent[] = [];

  const reclaim = reclaimStatusAt(s, now, policy);
  if (reclaim !== s.reclaim) {
    const lastOwnerContactAt = reclaimBasis(s);
    const owner = { ...base, ownerId: s.ownerId, lastOwnerContactAt };
    if (RECLAIM_RANK[reclaim] < RECLAIM_RANK[s.reclaim]) events.push({ type: 'customers.reclaim-clock-reset.v1', data: owner });
    if (reclaim === 'warned') {
      events.push({ type: 'customers.reclaim-warning-issued.v1', data: { ...owner, reclaimableAt: reclaimableAt(s, policy) } });
    }
    if (reclaim === 'reclaimable') {
      events.push({ type: 'customers.customer-became-reclaimable.v1', data: { ...owner, reclaimableSince: reclaimableAt(s, policy) } });
    }
  }

  const points = lifetimePoints(s);
  const tier = tierFor(points, allPurchases(s).length > 0, policy);
  if (tier !== s.tier) events.push({ type: 'customers.tier-changed.v1', data: { ...base, from: s.tier, to: tier, lifetimePoints: points } });

  const stage = stageAt(s, now, policy);
  if (stage !== s.stage) events.push({ type: 'customers.stage-changed.v1', data: { ...base, from: s.stage, to: stage } });

  const share = shareOfWalletAt(s, now, policy);
  const signature = JSON.stringify(share);
  const unchanged = signature === s.shareSignature || (s.shareSignature === null && share.overall === null);
  if (!unchanged) {
    events.push({ type: 'customers.share-of-wallet-changed.v1', data: { ...base, ...share, windowMonths: policy.wallet.windowMonths } });
  }
  return events;
}
