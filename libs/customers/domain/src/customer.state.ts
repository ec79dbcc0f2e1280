import { contactKeyOf, contactKeysOfCard } from './contact-key';
import { countContact, countPurchase, noContactCounts, type ContactCounts } from './contact-counts';
import { emptyCard, type CardField, type CardFields } from './customer-card.fields';
import type { AbsorbedCustomer, ContactOutcome, CustomerEvent, PurchaseFact, Stage } from './customer.events';
import type { Grade, Tier } from './customer.policy';
import { erasedCard } from './customer.personal-data';

export const WIN_BACK_STEPS = ['background', 'decision-maker', 'answers', 'root-cause', 'worth-it', 'follow-up'] as const;
export type WinBackStep = (typeof WIN_BACK_STEPS)[number];

/** C11: one win-back attempt; steps are recorded in order. */
export interface WinBack {
  readonly status: 'open' | 'won-back' | 'lost';
  readonly signalledAt: string;
  readonly steps: readonly WinBackStep[];
  readonly worthIt: boolean | null;
  readonly closedAt: string | null;
  /** C11: the rep who took the win-back over when the root cause was a person; null while the owner runs it. */
  readonly handledBy: string | null;
}

export interface CustomerRecord {
  /** `merged`: folded into a survivor (C2); the record is frozen until an unmerge. */
  readonly status: 'active' | 'merged';
  readonly customerId: string;
  readonly registeredAt: string;
  readonly ownerId: string;
  /** When the current owner got the customer: the reclaim clock never starts before it (C4). */
  readonly ownerSince: string;
  readonly collaborators: readonly string[];
  readonly card: CardFields;
  readonly confirmedAt: Readonly<Partial<Record<CardField, string>>>;
  readonly lastOwnerContactAt: string | null;
  readonly lastContactAt: string | null;
  readonly lastOutcome: ContactOutcome | null;
  readonly contactCount: number;
  /** C5: follow-ups since the last purchase and rejections in a row. */
  readonly contactCounts: ContactCounts;
  /** The reclaim status last announced by an event (C4). */
  readonly reclaim: 'ok' | 'warned' | 'reclaimable';
  readonly grade: Grade | null;
  readonly purchases: readonly PurchaseFact[];
  /** Points from own purchases and referral awards (absorbed records add theirs, see lifetimePoints). */
  readonly ownPoints: number;
  readonly estimates: Readonly<Record<string, number>>;
  readonly referrerId: string | null;
  readonly referralQualified: boolean;
  readonly referralsAwarded: readonly string[];
  readonly winBack: WinBack | null;
  readonly lastWonBackAt: string | null;
  /** Derived values as last announced by events (C6, C8, C12); decide compares against these. */
  readonly stage: Stage | null;
  readonly tier: Tier | null;
  readonly shareSignature: string | null;
  readonly absorbed: readonly AbsorbedCustomer[];
  /** Per merge, the survivor's card before and after, so an unmerge restores what the merge changed. */
  readonly mergeCards: Readonly<Record<string, { readonly before: CardFields; readonly after: CardFields }>>;
  /** Phone/email keys this record claimed itself (absorbed records' keys are in `absorbed`). */
  readonly ownKeys: readonly string[];
  /** C2/C3: per merge that moved the customer to the first-registered record's owner, from whom to whom. */
  readonly mergeOwnerChanges: Readonly<Record<string, { readonly from: string; readonly to: string }>>;
  readonly mergedInto: { readonly survivorId: string; readonly mergeId: string } | null;
  /** A5: when the customer's personal data was erased; the card holds none of it since. */
  readonly erasedAt?: string;
}

export type CustomerState = { readonly status: 'unregistered' } | CustomerRecord;

export const initialCustomerState = (): CustomerState => ({ status: 'unregistered' });

const without = (list: readonly string[], item: string): string[] => list.filter((x) => x !== item);

const confirm = (state: CustomerRecord, fields: readonly CardField[], at: string): CustomerRecord['confirmedAt'] => ({
  ...state.confirmedAt,
  ...Object.fromEntries(fields.map((f) => [f, at])),
});

function registered(event: Extract<CustomerEvent, { type: 'customers.customer-registered.v1' }>): CustomerRecord {
  const d = event.data;
  const card: CardFields = { ...emptyCard(d.name), phone: d.phone, email: d.email, company: d.company ?? null };
  const filled = (['name', 'phone', 'email', 'company'] as const).filter((f) => card[f] !== null);
  return {
    status: 'active',
    customerId: d.customerId,
    registeredAt: d.registeredAt,
    ownerId: d.ownerId,
    ownerSince: d.registeredAt,
    collaborators: [],
    card,
    confirmedAt: Object.fromEntries(filled.map((f) => [f, d.registeredAt])),
    lastOwnerContactAt: null,
    lastContactAt: null,
    lastOutcome: null,
    contactCount: 0,
    contactCounts: noContactCounts,
    reclaim: 'ok',
    grade: null,
    purchases: [],
    ownPoints: 0,
    estimates: {},
    referrerId: null,
    referralQualified: false,
    referralsAwarded: [],
    winBack: null,
    lastWonBackAt: null,
    stage: null,
    tier: null,
    shareSignature: null,
    absorbed: [],
    mergeCards: {},
    ownKeys: contactKeysOfCard(card),
    mergeOwnerChanges: {},
    mergedInto: null,
  };
}

/** A changed phone or email replaces the record's own key for it. */
function rekeyed(s: CustomerRecord, changes: Partial<CardFields>): string[] {
  let keys = [...s.ownKeys];
  for (const kind of ['phone', 'email'] as const) {
    const next = changes[kind];
    if (next === undefined) continue;
    const old = s.card[kind];
    if (old) keys = without(keys, contactKeyOf(kind, old));
    if (next) keys = [...keys, contactKeyOf(kind, next)];
  }
  return keys;
}

/** Every key that resolves to this record: its own and those of records merged into it (C1, C2). */
export const claimedKeys = (s: CustomerRecord): string[] => [...new Set([...s.ownKeys, ...s.absorbed.flatMap((a) => a.contactKeys)])];

const step = (s: CustomerRecord, done: WinBackStep, extra: Partial<WinBack> = {}): CustomerRecord =>
  s.winBack ? { ...s, winBack: { ...s.winBack, steps: [...s.winBack.steps, done], ...extra } } : s;

/** Folds one event into the state. Pure and policy-free: every number it needs is on the event. */
export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  if (event.type === 'customers.customer-registered.v1') return registered(event);
  if (state.status === 'unregistered') return state;
  const s = state;
  switch (event.type) {
    case 'customers.ownership-transferred.v1':
    case 'customers.customer-reclaimed.v1':
      return { ...s, ownerId: event.data.toOwnerId, ownerSince: event.data.at, collaborators: without(s.collaborators, event.data.toOwnerId) };
    case 'customers.ownership-changed-by-merge.v1': {
      const d = event.data;
      const { [d.mergeId]: _undone, ...rest } = s.mergeOwnerChanges;
      const mergeOwnerChanges = d.cause === 'merge' ? { ...rest, [d.mergeId]: { from: d.fromOwnerId, to: d.toOwnerId } } : rest;
      return { ...s, ownerId: d.toOwnerId, ownerSince: d.at, collaborators: without(s.collaborators, d.toOwnerId), mergeOwnerChanges };
    }
    case 'customers.collaborator-added.v1':
      return { ...s, collaborators: [...s.collaborators, event.data.collaboratorId] };
    case 'customers.collaborator-removed.v1':
      return { ...s, collaborators: without(s.collaborators, event.data.collaboratorId) };
    case 'customers.contact-logged.v1': {
      const d = event.data;
      const latest = s.lastContactAt === null || d.occurredAt >= s.lastContactAt;
      return {
        ...s,
        contactCount: s.contactCount + 1,
        contactCounts: countContact(s.contactCounts, d.outcome),
        lastContactAt: latest ? d.occurredAt : s.lastContactAt,
        lastOutcome: latest ? d.outcome : s.lastOutcome,
        lastOwnerContactAt: d.byOwner && (s.lastOwnerContactAt === null || d.occurredAt > s.lastOwnerContactAt) ? d.occurredAt : s.lastOwnerContactAt,
      };
    }
    case 'customers.reclaim-warning-issued.v1':
      return { ...s, reclaim: 'warned' };
    case 'customers.customer-became-reclaimable.v1':
      return { ...s, reclaim: 'reclaimable' };
    case 'customers.reclaim-clock-reset.v1':
      return { ...s, reclaim: 'ok' };
    case 'customers.grade-set.v1':
      return { ...s, grade: event.data.grade };
    case 'customers.purchase-recorded.v1': {
      const { purchaseId, amount, category, occurredAt } = event.data;
      return {
        ...s,
        purchases: [...s.purchases, { purchaseId, amount, category, occurredAt }],
        ownPoints: s.ownPoints + event.data.points,
        contactCounts: countPurchase(s.contactCounts),
      };
    }
    case 'customers.category-spend-estimated.v1':
      return { ...s, estimates: { ...s.estimates, [event.data.category]: event.data.estimatedAnnualSpend } };
    case 'customers.card-updated.v1': {
      const fields = Object.keys(event.data.changes) as CardField[];
      return {
        ...s,
        card: { ...s.card, ...event.data.changes },
        confirmedAt: confirm(s, fields, event.data.at),
        ownKeys: rekeyed(s, event.data.changes),
      };
    }
    case 'customers.card-fields-confirmed.v1':
      return { ...s, confirmedAt: confirm(s, event.data.fields, event.data.at) };
    case 'customers.referrer-recorded.v1':
      return { ...s, referrerId: event.data.referrerId };
    case 'customers.referral-qualified.v1':
      return { ...s, referralQualified: true };
    case 'customers.referral-points-awarded.v1':
      return { ...s, ownPoints: s.ownPoints + event.data.points, referralsAwarded: [...s.referralsAwarded, event.data.referredCustomerId] };
    case 'customers.tier-changed.v1':
      return { ...s, tier: event.data.to };
    case 'customers.stage-changed.v1':
      return { ...s, stage: event.data.to };
    case 'customers.share-of-wallet-changed.v1':
      return { ...s, shareSignature: JSON.stringify({ overall: event.data.overall, byCategory: event.data.byCategory }) };
    case 'customers.leaving-signalled.v1':
      return { ...s, winBack: { status: 'open', signalledAt: event.data.at, steps: [], worthIt: null, closedAt: null, handledBy: null } };
    case 'customers.win-back-background-gathered.v1':
      return step(s, 'background');
    case 'customers.win-back-decision-maker-reached.v1':
      return step(s, 'decision-maker');
    case 'customers.win-back-answers-recorded.v1':
      return step(s, 'answers');
    case 'customers.win-back-handed-over.v1':
      return s.winBack ? { ...s, winBack: { ...s.winBack, handledBy: event.data.toRepId } } : s;
    case 'customers.win-back-complaint-raised.v1':
    case 'customers.win-back-concession-granted.v1':
      return s;
    case 'customers.win-back-root-cause-classified.v1':
      return step(s, 'root-cause');
    case 'customers.win-back-worth-decided.v1':
      return step(s, 'worth-it', { worthIt: event.data.worthIt });
    case 'customers.win-back-followed-up.v1':
      return step(s, 'follow-up');
    case 'customers.customer-won-back.v1':
      return { ...s, winBack: s.winBack && { ...s.winBack, status: 'won-back', closedAt: event.data.at }, lastWonBackAt: event.data.at };
    case 'customers.customer-lost.v1':
      return { ...s, winBack: s.winBack && { ...s.winBack, status: 'lost', closedAt: event.data.at } };
    case 'customers.customer-merged-into.v1':
      return { ...s, status: 'merged', mergedInto: { survivorId: event.data.survivorId, mergeId: event.data.mergeId } };
    case 'customers.customer-unmerged.v1':
      return { ...s, status: 'active', mergedInto: null };
    case 'customers.customer-absorbed.v1':
      return {
        ...s,
        absorbed: [...s.absorbed, event.data.absorbed],
        card: event.data.cardAfter,
        mergeCards: { ...s.mergeCards, [event.data.mergeId]: { before: event.data.cardBefore, after: event.data.cardAfter } },
      };
    case 'customers.merge-undone.v1': {
      const { [event.data.mergeId]: _undone, ...mergeCards } = s.mergeCards;
      return { ...s, absorbed: s.absorbed.filter((a) => a.mergeId !== event.data.mergeId), card: event.data.cardRestored, mergeCards };
    }
    case 'customers.customer-erased.v1':
      return { ...s, card: erasedCard(s.card), ownKeys: [], erasedAt: event.data.at };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
