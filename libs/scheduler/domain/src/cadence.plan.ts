import type { CadencePolicy } from './cadence.policy';
import type { CadenceState } from './cadence.state';
import type { Stage } from './cadence.events';
import { addDays, addMonths, maxIso, minIso } from './time';

export interface FollowUpPlan {
  readonly dueAt: string;
  /** Which S1 cadence set the time, for the task list. */
  readonly cadence: string;
}

export type ReviewReason = 'reclaim-warning' | 'reclaim' | 'new-buyer-ends' | 'lapse' | 'won-back-ends';

export interface ReviewPlan {
  readonly dueAt: string;
  readonly reasons: readonly ReviewReason[];
}

/** The longest a stage may wait for its next follow-up (S1), from the anchor; null: no cadence. */
function cadenceOf(s: CadenceState, anchor: string, p: CadencePolicy): FollowUpPlan | null {
  const f = p.followUp;
  const stage: Stage = s.stage!;
  switch (stage) {
    case 'prospect-with-intent':
      return { dueAt: addDays(anchor, f.withIntentDays.default), cadence: `every ${f.withIntentDays.default}–${f.withIntentDays.max} days` };
    case 'new-buyer': {
      const weeklyUntil = addDays(s.firstPurchaseAt ?? s.stageSince ?? anchor, f.newBuyerWeeks * 7);
      const weekly = addDays(anchor, 7);
      return weekly <= weeklyUntil
        ? { dueAt: weekly, cadence: `weekly for ${f.newBuyerWeeks} weeks after purchase` }
        : { dueAt: addMonths(anchor, f.newBuyerThenMonths), cadence: `monthly after the first ${f.newBuyerWeeks} weeks` };
    }
    case 'long-standing':
      return { dueAt: addMonths(anchor, f.longStandingMonths), cadence: 'at least monthly' };
    case 'prospect-without-intent':
      return { dueAt: addMonths(anchor, f.withoutIntentMonths), cadence: `at least every ${f.withoutIntentMonths} months` };
    case 'lapsed':
      return { dueAt: addMonths(anchor, f.lapsedMonths), cadence: `at least every ${f.lapsedMonths} months` };
    case 'won-back':
      return { dueAt: addMonths(anchor, f.wonBackMonths), cadence: 'at least monthly' };
    case 'leaving':
      return { dueAt: addDays(anchor, f.leavingDays), cadence: `every ${f.leavingDays} days while leaving` };
    case 'lost':
      return null;
    default: {
      const _exhaustive: never = stage;
      return _exhaustive;
    }
  }
}

/**
 * S1: the next follow-up. It counts from the latest of the last contact and the last follow-up that came due
 * (so a logged contact moves it, and an unanswered one is followed by the next at the cadence), and for a new
 * buyer from the purchase. The owner's planned next step is honoured when it is sooner than the cadence
 * (for a prospect with intent: anywhere up to 21 days).
 */
export function nextFollowUp(s: CadenceState, p: CadencePolicy): FollowUpPlan | null {
  if (s.status !== 'active' || s.stage === null || s.ownerId === null) return null;
  const anchor =
    maxIso(s.lastContactAt, s.lastFollowUpDueAt, s.stage === 'new-buyer' ? (s.firstPurchaseAt ?? s.stageSince) : null) ?? s.stageSince ?? s.ownerSince;
  if (anchor === null) return null;
  const plan = cadenceOf(s, anchor, p);
  if (plan === null) return null;
  const latest = s.stage === 'prospect-with-intent' ? addDays(anchor, p.followUp.withIntentDays.max) : plan.dueAt;
  const planned = s.nextStepAt !== null && s.lastContactAt === anchor && s.nextStepAt > anchor ? s.nextStepAt : null;
  return planned === null ? plan : { dueAt: minIso(planned, latest)!, cadence: `${plan.cadence} (owner's plan)` };
}

/**
 * C4, C6: the next moment time alone may change the customer — a reclaim warning, reclaimability, the end of
 * the new-buyer or won-back stage, a lapse — after the last review that came due. The customers service decides.
 */
export function nextReview(s: CadenceState, p: CadencePolicy): ReviewPlan | null {
  if (s.status !== 'active') return null;
  const r = p.review;
  const candidates: [ReviewReason, string][] = [];
  const basis = maxIso(s.ownerSince, s.lastOwnerContactAt);
  if (basis !== null && !s.reclaimable) {
    candidates.push(['reclaim-warning', addDays(basis, r.reclaimAfterDays - r.warnDaysBefore)], ['reclaim', addDays(basis, r.reclaimAfterDays)]);
  }
  if (s.stage === 'new-buyer' && s.firstPurchaseAt) candidates.push(['new-buyer-ends', addMonths(s.firstPurchaseAt, r.newBuyerMonths)]);
  if ((s.stage === 'new-buyer' || s.stage === 'long-standing' || s.stage === 'won-back') && s.lastPurchaseAt) {
    candidates.push(['lapse', addMonths(s.lastPurchaseAt, r.lapsedAfterMonths)]);
  }
  if (s.stage === 'won-back' && s.stageSince) candidates.push(['won-back-ends', addMonths(s.stageSince, r.wonBackMonths)]);
  const ahead = candidates.filter(([, at]) => s.lastReviewDueAt === null || at > s.lastReviewDueAt);
  const dueAt = minIso(...ahead.map(([, at]) => at));
  return dueAt === null ? null : { dueAt, reasons: ahead.filter(([, at]) => at === dueAt).map(([reason]) => reason) };
}
