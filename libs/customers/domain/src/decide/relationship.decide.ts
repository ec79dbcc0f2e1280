import { catalogueCategory } from '../category';
import { callReachedCustomer } from '../contact-counts';
import { changedFields } from '../customer-card.fields';
import { conflict, requireActive, requireWorker, violation } from '../customer.access';
import type {
  AwardReferralPoints,
  ConfirmCardFields,
  EstimateCategorySpend,
  LogContact,
  RecordPurchase,
  RecordReferrer,
  SetGrade,
  UpdateCard,
} from '../customer.commands';
import { allPurchases, lifetimePoints, spendInWindow } from '../customer.derived';
import type { CustomerEvent } from '../customer.events';
import { purchasePoints, type CustomerPolicy } from '../customer.policy';
import type { CustomerRecord, CustomerState } from '../customer.state';

/** C5: every contact is recorded, by whom, with its outcome and next step. */
export function decideLogContact(c: LogContact, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  if (c.occurredAt > c.now) throw violation('C5', 'contact-in-future', 'a contact is logged after it happened, not before');
  if (c.nextStepAt && c.nextStepAt < c.occurredAt) throw violation('C5', 'next-step-before-contact', 'the next step cannot be due before the contact');
  return [contactLogged(c, s), ...phoneConfirmedBy(c, s)];
}

/** C9: a call that reached the customer confirms the phone on the card, so it does not go stale while in use. */
function phoneConfirmedBy(c: Pick<LogContact, 'channel' | 'outcome' | 'actor' | 'now'>, s: CustomerRecord): CustomerEvent[] {
  if (!s.card.phone || !callReachedCustomer(c.channel, c.outcome)) return [];
  return [{ type: 'customers.card-fields-confirmed.v1', data: { customerId: s.customerId, fields: ['phone'], by: c.actor.id, at: c.now.toISOString() } }];
}

/** The contact-logged event of a contact: logged on its own (C5) or as a win-back step that is a contact (C11). */
export function contactLogged(c: Omit<LogContact, 'type'>, s: CustomerRecord): CustomerEvent {
  return {
      type: 'customers.contact-logged.v1',
      data: {
        customerId: s.customerId,
        contactId: c.contactId,
        channel: c.channel,
        direction: c.direction,
        outcome: c.outcome,
        notes: c.notes,
        nextStep: c.nextStep,
        nextStepAt: c.nextStepAt?.toISOString() ?? null,
        occurredAt: c.occurredAt.toISOString(),
        byOwner: c.actor.id === s.ownerId,
        by: c.actor.id,
        at: c.now.toISOString(),
      },
  };
}

/** A win-back step that is a contact (steps 2 and 6, C11) lands in the contact log like any other (C5, C9). */
export function winBackContact(c: Omit<LogContact, 'type'>, s: CustomerRecord): CustomerEvent[] {
  return [contactLogged(c, s), ...phoneConfirmedBy(c, s)];
}

/**
 * C7: the grade is set with a reason; re-stating the same grade is recorded too, as a fresh judgement.
 * Grading during an open win-back (C11) is allowed but flagged on the event and the card.
 */
export function decideSetGrade(c: SetGrade, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  const data = { customerId: s.customerId, grade: c.grade, previousGrade: s.grade, reason: c.reason, by: c.actor.id, at: c.now.toISOString() };
  return [{ type: 'customers.grade-set.v1', data: s.winBack?.status === 'open' ? { ...data, duringWinBack: true } : data }];
}

function requireCurrency(currency: string, policy: CustomerPolicy): void {
  if (currency !== policy.wallet.currency) {
    throw violation('C12', 'currency-mismatch', `amounts are kept in ${policy.wallet.currency}, got ${currency}`, { currency: policy.wallet.currency });
  }
}

/** C8, C12: a purchase carries amount and category and earns points; a referred customer's first one qualifies the referral. */
export function decideRecordPurchase(c: RecordPurchase, state: CustomerState, policy: CustomerPolicy): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s, true);
  requireCurrency(c.currency, policy);
  if (c.occurredAt > c.now) throw violation('C8', 'purchase-in-future', 'a purchase is recorded after it happened');
  if (allPurchases(s).some((p) => p.purchaseId === c.purchaseId)) {
    throw conflict('C8', 'duplicate-purchase', `purchase ${c.purchaseId} is already recorded`, { purchaseId: c.purchaseId });
  }
  const category = catalogueCategory(c.category, policy);
  const points = purchasePoints(c.amount, policy);
  const events: CustomerEvent[] = [
    {
      type: 'customers.purchase-recorded.v1',
      data: {
        customerId: s.customerId,
        purchaseId: c.purchaseId,
        amount: c.amount,
        currency: c.currency,
        category,
        occurredAt: c.occurredAt.toISOString(),
        points,
        lifetimePoints: lifetimePoints(s) + points,
        by: c.actor.id,
        at: c.now.toISOString(),
        policyVersion: policy.version,
      },
    },
  ];
  return [...events, ...qualifyReferral(s, c.now)];
}

const qualifyReferral = (s: CustomerRecord, now: Date): CustomerEvent[] =>
  s.referrerId && !s.referralQualified
    ? [{ type: 'customers.referral-qualified.v1', data: { customerId: s.customerId, referrerId: s.referrerId, at: now.toISOString() } }]
    : [];

/**
 * C12: the owner's estimate of what the customer spends on a category in a year, anywhere. An estimate
 * below what they spent with us in the window cannot be true, and would make a share above 100%: refused.
 */
export function decideEstimateSpend(c: EstimateCategorySpend, state: CustomerState, policy: CustomerPolicy): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  requireCurrency(c.currency, policy);
  const category = catalogueCategory(c.category, policy);
  const ourSpend = spendInWindow(s, c.now, policy).get(category) ?? 0;
  if (c.estimatedAnnualSpend < ourSpend) {
    throw violation('C12', 'estimate-below-own-spend', `the estimate ${c.estimatedAnnualSpend} is below the ${ourSpend} spent with us in ${policy.wallet.windowMonths} months`, {
      category,
      ourSpend,
      windowMonths: policy.wallet.windowMonths,
    });
  }
  return [
    {
      type: 'customers.category-spend-estimated.v1',
      data: {
        customerId: s.customerId,
        category,
        estimatedAnnualSpend: c.estimatedAnnualSpend,
        currency: c.currency,
        by: c.actor.id,
        at: c.now.toISOString(),
      },
    },
  ];
}

/** C9: each change is an event; repeating a current value is not a change (confirm it instead). */
export function decideUpdateCard(c: UpdateCard, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  const changes = changedFields(s.card, c.changes);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'customers.card-updated.v1', data: { customerId: s.customerId, changes, by: c.actor.id, at: c.now.toISOString() } }];
}

/** C9: a rep confirms fields are still true, which keeps them from going stale. */
export function decideConfirmCard(c: ConfirmCardFields, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  return [{ type: 'customers.card-fields-confirmed.v1', data: { customerId: s.customerId, fields: [...c.fields], by: c.actor.id, at: c.now.toISOString() } }];
}

/** C10: who referred this customer; recorded once. A referral after the first purchase qualifies at once. */
export function decideRecordReferrer(c: RecordReferrer, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  if (c.referrerId === s.customerId) throw violation('C10', 'self-referral', 'a customer cannot refer themselves');
  if (s.referrerId === c.referrerId) return [];
  if (s.referrerId !== null) {
    throw conflict('C10', 'referrer-already-recorded', `customer ${s.customerId} was referred by ${s.referrerId}`, { referrerId: s.referrerId });
  }
  const recorded: CustomerEvent = {
    type: 'customers.referrer-recorded.v1',
    data: { customerId: s.customerId, referrerId: c.referrerId, by: c.actor.id, at: c.now.toISOString() },
  };
  return allPurchases(s).length > 0 ? [recorded, ...qualifyReferral({ ...s, referrerId: c.referrerId }, c.now)] : [recorded];
}

/** C8: referral points, once per referred customer (the reaction that sends this may be redelivered). */
export function decideAwardReferralPoints(c: AwardReferralPoints, state: CustomerState, policy: CustomerPolicy): CustomerEvent[] {
  const s = requireActive(state);
  if (s.referralsAwarded.includes(c.referredCustomerId)) return [];
  const points = policy.points.perReferral;
  return [
    {
      type: 'customers.referral-points-awarded.v1',
      data: {
        customerId: s.customerId,
        referredCustomerId: c.referredCustomerId,
        points,
        lifetimePoints: lifetimePoints(s) + points,
        by: c.actor.id,
        at: c.now.toISOString(),
        policyVersion: policy.version,
      },
    },
  ];
}
