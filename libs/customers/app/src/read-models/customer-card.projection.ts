import type { Projection, ProjectionView, RecordedEvent } from '@rapport/platform-eventsourcing';
import { countContact, countPurchase, emptyCard, erasedCard, maxIso, type ContactKeyEvent, type CustomerEvent, type CustomersImported } from '@rapport/customers-domain';
import { membersOf, noTotals, totalsOfAbsorbed, withTotals } from './card-totals';
import {
  AUTO_ASSIGNMENTS,
  CUSTOMER_CARDS,
  POSSIBLE_DUPLICATES,
  REFUSALS_BY_HOLDER,
  REGISTRATION_REFUSALS,
  REP_LOADS,
  type CustomerCard,
  type RefusalsOfHolder,
  type RegistrationRefusal,
  type RepLoad,
} from './customer-card.model';
import { regroup } from './possible-duplicates';
import { applyWinBack } from './win-back.card';

export const CUSTOMER_CARD_PROJECTION = 'customer-card';

type Handled = CustomerEvent | ContactKeyEvent | CustomersImported;

/** Loads a card, applies a change and stores it with the event's position; unknown cards are left alone. */
async function update(view: ProjectionView, id: string, position: number, change: (card: CustomerCard) => CustomerCard): Promise<void> {
  const card = await view.get<CustomerCard>(CUSTOMER_CARDS, id);
  if (card) view.put<CustomerCard>(CUSTOMER_CARDS, { ...change(card), position });
}

async function adjustLoad(view: ProjectionView, repId: string, delta: number): Promise<void> {
  const load = await view.get<RepLoad>(REP_LOADS, repId);
  view.put<RepLoad>(REP_LOADS, { id: repId, owned: (load?.owned ?? 0) + delta });
}

/** C3: one owner moves to another; the new owner is never also a collaborator, and starts a fresh reclaim clock. */
async function changeOwner(
  view: ProjectionView,
  d: { readonly customerId: string; readonly fromOwnerId: string; readonly toOwnerId: string; readonly at: string },
  assignment: CustomerCard['ownerAssignment'],
  position: number,
  extra: Partial<CustomerCard>,
): Promise<void> {
  await adjustLoad(view, d.fromOwnerId, -1);
  await adjustLoad(view, d.toOwnerId, 1);
  return update(view, d.customerId, position, (c) => {
    const collaboratorIds = c.collaboratorIds.filter((id) => id !== d.toOwnerId);
    return { ...c, ownerId: d.toOwnerId, ownerSince: d.at, ownerAssignment: assignment, collaboratorIds, members: membersOf(d.toOwnerId, collaboratorIds), reclaimBasisAt: d.at, ...extra };
  });
}

async function ownerOf(view: ProjectionView, customerId: string): Promise<string | undefined> {
  return (await view.get<CustomerCard>(CUSTOMER_CARDS, customerId))?.ownerId;
}

function registered(e: Extract<CustomerEvent, { type: 'customers.customer-registered.v1' }>, position: number): CustomerCard {
  const d = e.data;
  const card = { ...emptyCard(d.name), phone: d.phone, email: d.email, company: d.company ?? null };
  const filled = (['name', 'phone', 'email', 'company'] as const).filter((f) => card[f] !== null);
  return withTotals({
    ...card,
    id: d.customerId,
    status: 'active',
    mergedInto: null,
    confirmedAt: Object.fromEntries(filled.map((f) => [f, d.registeredAt])),
    registeredAt: d.registeredAt,
    registeredBy: d.registeredBy ?? d.ownerId,
    source: d.source ?? 'api',
    ownerId: d.ownerId,
    ownerSince: d.registeredAt,
    ownerAssignment: 'registration',
    collaboratorIds: [],
    members: membersOf(d.ownerId, []),
    stage: null,
    stageSince: null,
    tier: null,
    lifetimePoints: 0,
    grade: null,
    gradeReason: null,
    gradedAt: null,
    gradedDuringWinBack: false,
    lastContact: null,
    lastContactAt: null,
    lastOwnerContactAt: null,
    reclaimBasisAt: d.registeredAt,
    reclaimStatus: 'ok',
    nextStep: null,
    nextFollowUpAt: null,
    own: noTotals,
    absorbedTotals: {},
    contactCount: 0,
    followUpsSinceLastPurchase: 0,
    rejectionsInARow: 0,
    purchaseCount: 0,
    lifetimeSpend: 0,
    firstPurchaseAt: null,
    lastPurchaseAt: null,
    estimates: {},
    shareOfWallet: null,
    hasWalletEstimate: false,
    referrerId: null,
    referralsMade: 0,
    isCoach: false,
    winBack: null,
    mergedFrom: [],
    position,
  });
}

/**
 * One projection feeds the card, the duplicates list and the rotation facts, so the refusal list can
 * name the owner the card had at that moment, from the same consistent batch.
 */
export const customerCardProjection: Projection = {
  name: CUSTOMER_CARD_PROJECTION,
  version: 5,
  collections: [
    { name: CUSTOMER_CARDS, indexes: [['ownerId', 'status'], ['status', 'reclaimBasisAt'], ['status', 'stage']] },
    { name: REGISTRATION_REFUSALS, indexes: [['attemptedAt'], ['attemptedBy']] },
    { name: REFUSALS_BY_HOLDER },
    { name: AUTO_ASSIGNMENTS },
    { name: REP_LOADS },
    { name: POSSIBLE_DUPLICATES, indexes: [['size']] },
  ],
  async apply(recorded: RecordedEvent, view: ProjectionView): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as Handled;
    if (!IDENTITY_CHANGES.has(event.type)) return applyToCard(recorded, view, event);
    // C1: name, company or status may change: keep the possible-duplicate groups in step with the card.
    const id = (event.data as { customerId: string }).customerId;
    const before = await view.get<CustomerCard>(CUSTOMER_CARDS, id);
    await applyToCard(recorded, view, event);
    await regroup(view, before, await view.get<CustomerCard>(CUSTOMER_CARDS, id));
  },
};

const IDENTITY_CHANGES: ReadonlySet<string> = new Set([
  'customers.customer-registered.v1',
  'customers.card-updated.v1',
  'customers.customer-absorbed.v1',
  'customers.merge-undone.v1',
  'customers.customer-merged-into.v1',
  'customers.customer-unmerged.v1',
  // A5: an erased record leaves its possible-duplicate group (the group's key is made of her name and company).
  'customers.customer-erased.v1',
]);

async function applyToCard(recorded: RecordedEvent, view: ProjectionView, event: Handled): Promise<void> {
  const at = recorded.metadata.globalPosition;
  const on = (id: string, change: (card: CustomerCard) => CustomerCard): Promise<void> => update(view, id, at, change);
  switch (event.type) {
    case 'customers.customer-registered.v1':
      view.put<CustomerCard>(CUSTOMER_CARDS, registered(event, at));
      return adjustLoad(view, event.data.ownerId, 1);
    case 'customers.ownership-transferred.v1':
    case 'customers.customer-reclaimed.v1': {
      const d = event.data;
      const assignment = event.type === 'customers.customer-reclaimed.v1' ? event.data.assignment : 'transfer';
      if (assignment === 'least-busy' || assignment === 'round-robin') view.put(AUTO_ASSIGNMENTS, { id: d.toOwnerId, lastAssignedAt: d.at, lastAssignedSeq: at });
      // C4: a reclaimed customer's overdue follow-up is replaced by the new owner's first contact.
      const followUp = event.type === 'customers.customer-reclaimed.v1' ? event.data.followUp : undefined;
      return changeOwner(view, d, assignment, at, followUp ? { nextStep: followUp.nextStep, nextFollowUpAt: followUp.nextStepAt } : {});
    }
    case 'customers.ownership-changed-by-merge.v1':
      return changeOwner(view, event.data, 'merge', at, {});
    case 'customers.collaborator-added.v1':
    case 'customers.collaborator-removed.v1': {
      const d = event.data;
      return on(d.customerId, (c) => ({ ...c, collaboratorIds: d.collaboratorIds, members: membersOf(c.ownerId, d.collaboratorIds) }));
    }
    case 'customers.contact-logged.v1': {
      const d = event.data;
      return on(d.customerId, (c) => {
        const latest = c.lastContactAt === null || d.occurredAt >= c.lastContactAt;
        const lastOwnerContactAt = d.byOwner ? maxIso(c.lastOwnerContactAt, d.occurredAt) : c.lastOwnerContactAt;
        const counts = countContact({ followUpsSinceLastPurchase: c.followUpsSinceLastPurchase, rejectionsInARow: c.rejectionsInARow }, d.outcome);
        return withTotals({
          ...c,
          ...counts,
          own: { ...c.own, contactCount: c.own.contactCount + 1 },
          lastContactAt: latest ? d.occurredAt : c.lastContactAt,
          lastContact: latest ? { contactId: d.contactId, channel: d.channel, outcome: d.outcome, occurredAt: d.occurredAt, by: d.by } : c.lastContact,
          lastOwnerContactAt,
          reclaimBasisAt: maxIso(c.ownerSince, lastOwnerContactAt)!,
          // The most recent touch sets the next action; one logged without a next step clears it.
          nextStep: d.nextStep,
          nextFollowUpAt: d.nextStepAt,
        });
      });
    }
    case 'customers.reclaim-warning-issued.v1':
      return on(event.data.customerId, (c) => ({ ...c, reclaimStatus: 'warned' }));
    case 'customers.customer-became-reclaimable.v1':
      return on(event.data.customerId, (c) => ({ ...c, reclaimStatus: 'reclaimable' }));
    case 'customers.reclaim-clock-reset.v1':
      return on(event.data.customerId, (c) => ({ ...c, reclaimStatus: 'ok', reclaimBasisAt: event.data.lastOwnerContactAt }));
    case 'customers.grade-set.v1':
      return on(event.data.customerId, (c) => ({
        ...c,
        grade: event.data.grade,
        gradeReason: event.data.reason,
        gradedAt: event.data.at,
        gradedDuringWinBack: event.data.duringWinBack === true,
      }));
    case 'customers.purchase-recorded.v1': {
      const d = event.data;
      return on(d.customerId, (c) =>
        withTotals({
          ...c,
          ...countPurchase({ followUpsSinceLastPurchase: c.followUpsSinceLastPurchase, rejectionsInARow: c.rejectionsInARow }),
          lifetimePoints: d.lifetimePoints,
          own: {
            ...c.own,
            purchaseCount: c.own.purchaseCount + 1,
            lifetimeSpend: c.own.lifetimeSpend + d.amount,
            firstPurchaseAt: c.own.firstPurchaseAt === null || d.occurredAt < c.own.firstPurchaseAt ? d.occurredAt : c.own.firstPurchaseAt,
            lastPurchaseAt: maxIso(c.own.lastPurchaseAt, d.occurredAt),
          },
        }),
      );
    }
    case 'customers.category-spend-estimated.v1':
      return on(event.data.customerId, (c) => ({
        ...c,
        estimates: { ...c.estimates, [event.data.category]: event.data.estimatedAnnualSpend },
        hasWalletEstimate: true,
      }));
    case 'customers.card-updated.v1': {
      const d = event.data;
      const confirmed = Object.fromEntries(Object.keys(d.changes).map((f) => [f, d.at]));
      return on(d.customerId, (c) => ({ ...c, ...d.changes, confirmedAt: { ...c.confirmedAt, ...confirmed } }));
    }
    case 'customers.card-fields-confirmed.v1': {
      const d = event.data;
      return on(d.customerId, (c) => ({ ...c, confirmedAt: { ...c.confirmedAt, ...Object.fromEntries(d.fields.map((f) => [f, d.at])) } }));
    }
    case 'customers.referrer-recorded.v1':
      await on(event.data.customerId, (c) => ({ ...c, referrerId: event.data.referrerId }));
      // C10: a customer who refers is a sales coach, counted on their own card.
      return on(event.data.referrerId, (c) => ({ ...c, referralsMade: c.referralsMade + 1, isCoach: true }));
    case 'customers.referral-points-awarded.v1':
      return on(event.data.customerId, (c) => ({ ...c, lifetimePoints: event.data.lifetimePoints }));
    case 'customers.tier-changed.v1':
      return on(event.data.customerId, (c) => ({ ...c, tier: event.data.to, lifetimePoints: event.data.lifetimePoints }));
    case 'customers.stage-changed.v1':
      return on(event.data.customerId, (c) => ({ ...c, stage: event.data.to, stageSince: event.data.at }));
    case 'customers.share-of-wallet-changed.v1':
      return on(event.data.customerId, (c) => ({ ...c, shareOfWallet: { overall: event.data.overall, byCategory: event.data.byCategory } }));
    case 'customers.leaving-signalled.v1':
    case 'customers.win-back-background-gathered.v1':
    case 'customers.win-back-decision-maker-reached.v1':
    case 'customers.win-back-answers-recorded.v1':
    case 'customers.win-back-root-cause-classified.v1':
    case 'customers.win-back-worth-decided.v1':
    case 'customers.win-back-followed-up.v1':
    case 'customers.customer-won-back.v1':
    case 'customers.customer-lost.v1':
    case 'customers.win-back-complaint-raised.v1':
    case 'customers.win-back-handed-over.v1':
    case 'customers.win-back-concession-granted.v1':
      return on(event.data.customerId, (c) => applyWinBack(c, event));
    case 'customers.referral-qualified.v1':
      return;
    case 'customers.customer-merged-into.v1': {
      const owner = await ownerOf(view, event.data.customerId);
      if (owner) await adjustLoad(view, owner, -1);
      return on(event.data.customerId, (c) => ({ ...c, status: 'merged', mergedInto: event.data.survivorId }));
    }
    case 'customers.customer-unmerged.v1': {
      const owner = await ownerOf(view, event.data.customerId);
      if (owner) await adjustLoad(view, owner, 1);
      return on(event.data.customerId, (c) => ({ ...c, status: 'active', mergedInto: null }));
    }
    case 'customers.customer-absorbed.v1': {
      const d = event.data;
      const totals = { ...totalsOfAbsorbed(d.absorbed), customerId: d.absorbed.customerId, at: d.at };
      return on(d.customerId, (c) =>
        withTotals({
          ...c,
          ...d.cardAfter,
          lifetimePoints: d.lifetimePoints,
          absorbedTotals: { ...c.absorbedTotals, [d.mergeId]: totals },
          hasWalletEstimate: c.hasWalletEstimate || Object.keys(d.absorbed.estimates).length > 0,
          mergedFrom: [...c.mergedFrom, d.absorbed.customerId],
        }),
      );
    }
    case 'customers.merge-undone.v1': {
      const d = event.data;
      return on(d.customerId, (c) => {
        const { [d.mergeId]: _undone, ...absorbedTotals } = c.absorbedTotals;
        const mergedFrom = c.mergedFrom.filter((id) => id !== d.mergedCustomerId);
        return withTotals({ ...c, ...d.cardRestored, lifetimePoints: d.lifetimePoints, absorbedTotals, mergedFrom });
      });
    }
    case 'customers.duplicate-registration-refused.v1': {
      const d = event.data;
      const existing = await view.get<CustomerCard>(CUSTOMER_CARDS, d.existingCustomerId);
      view.put<RegistrationRefusal>(REGISTRATION_REFUSALS, {
        id: recorded.metadata.eventId,
        key: d.key,
        // The key reads as null once its holder is erased (A5).
        matchedOn: d.key?.startsWith('phone:') ? 'phone' : 'email',
        existingCustomerId: d.existingCustomerId,
        existingOwnerId: existing?.ownerId ?? null,
        attemptedBy: d.by,
        attemptedAt: d.at,
        attempt: d.attempt,
        source: d.attempt.source,
      });
      const holder = await view.get<RefusalsOfHolder>(REFUSALS_BY_HOLDER, d.existingCustomerId);
      view.put<RefusalsOfHolder>(REFUSALS_BY_HOLDER, { id: d.existingCustomerId, refusalIds: [...(holder?.refusalIds ?? []), recorded.metadata.eventId] });
      return;
    }
    case 'customers.customer-erased.v1':
      // A5: the refusals naming her lose the contact key they shared with her and the attempt's contact data (the
      // same phone or email: hers), keeping who tried, when and how.
      for (const id of (await view.get<RefusalsOfHolder>(REFUSALS_BY_HOLDER, event.data.customerId))?.refusalIds ?? []) {
        const refusal = await view.get<RegistrationRefusal>(REGISTRATION_REFUSALS, id);
        if (refusal) view.put<RegistrationRefusal>(REGISTRATION_REFUSALS, { ...refusal, key: null, attempt: { ...refusal.attempt, name: '', phone: null, email: null } });
      }
      // A5: the card keeps what the business needs (owner, stage, totals) and drops everything personal.
      return on(event.data.customerId, (c) => ({
        ...c,
        ...erasedCard(c),
        gradeReason: null,
        nextStep: null,
        winBack: c.winBack && { ...c.winBack, signal: '', whyLeaving: null, whatWouldMakeStay: null, decisionMaker: null, concessions: [] },
        erasedAt: event.data.at,
      }));
    case 'customers.contact-key-claimed.v1':
    case 'customers.contact-key-released.v1':
    case 'customers.contact-key-repointed.v1':
    case 'customers.customers-imported.v1':
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
