import { CARD_FIELDS, isFilled, sameValue, type CardField, type CardFields } from '../customer-card.fields';
import { conflict, requireActive, requireManager, requireRegistered, violation } from '../customer.access';
import type { AbsorbCustomer, MarkMergedInto, UndoMerge, UnmergeCustomer } from '../customer.commands';
import { allEstimates, allPurchases, lifetimePoints } from '../customer.derived';
import type { AbsorbedCustomer, CustomerEvent } from '../customer.events';
import { claimedKeys, type CustomerRecord, type CustomerState } from '../customer.state';
import { maxIso, minIso } from '../time';

/**
 * C2: a manager merges a duplicate into a survivor. It takes two appends: the duplicate is frozen first
 * (so its history cannot move while it is copied), then the survivor absorbs a summary of it. Unmerge
 * reverses both, and because the summary is kept whole on the absorb event, it restores both records exactly.
 */

export type FieldWinners = Readonly<Partial<Record<CardField, 'survivor' | 'merged'>>>;

/** Fields both records fill with different values: a person must pick their winner. */
export const conflictingFields = (survivor: CardFields, merged: CardFields): CardField[] =>
  CARD_FIELDS.filter((f) => isFilled(survivor[f]) && isFilled(merged[f]) && !sameValue(survivor[f], merged[f]));

/** Each field from its chosen winner; an unchosen field keeps the survivor's value, or takes the duplicate's where the survivor has none. */
export function mergedCard(survivor: CardFields, merged: CardFields, winners: FieldWinners): CardFields {
  const out: Record<string, unknown> = {};
  for (const f of CARD_FIELDS) {
    const winner = winners[f] ?? (isFilled(survivor[f]) ? 'survivor' : 'merged');
    out[f] = winner === 'merged' ? merged[f] : survivor[f];
  }
  return out as unknown as CardFields;
}

/** What the survivor takes over from a frozen duplicate. */
export function summarizeForMerge(s: CustomerRecord, mergeId: string): AbsorbedCustomer {
  return {
    customerId: s.customerId,
    mergeId,
    ownerId: s.ownerId,
    registeredAt: firstRegisteredAt(s),
    purchases: allPurchases(s),
    estimates: allEstimates(s),
    lifetimePoints: lifetimePoints(s),
    lastContactAt: maxIso(s.lastContactAt, ...s.absorbed.map((a) => a.lastContactAt)),
    contactCount: s.contactCount + s.absorbed.reduce((n, a) => n + a.contactCount, 0),
    contactKeys: claimedKeys(s),
    referrerId: s.referrerId,
  };
}

/** When the customer behind a record was first registered: its own registration or that of a record merged into it. */
export const firstRegisteredAt = (s: CustomerRecord): string => minIso(s.registeredAt, ...s.absorbed.map((a) => a.registeredAt))!;

/**
 * C2/C3: the owner of the record registered first owns the survivor. When that is the merged record's owner,
 * the move is its own event naming the merge, so nobody loses a customer to a merge without it on record.
 */
function ownerAfterMerge(c: AbsorbCustomer, s: CustomerRecord): CustomerEvent[] {
  if (c.merged.ownerId === s.ownerId || !(c.merged.registeredAt < firstRegisteredAt(s))) return [];
  const data = { customerId: s.customerId, mergeId: c.mergeId, mergedCustomerId: c.merged.customerId, fromOwnerId: s.ownerId, toOwnerId: c.merged.ownerId };
  const reason = `customer ${c.merged.customerId} was registered first (${c.merged.registeredAt}); its owner keeps the customer`;
  return [{ type: 'customers.ownership-changed-by-merge.v1', data: { ...data, cause: 'merge', reason, by: c.actor.id, at: c.now.toISOString() } }];
}

/** Undoing a merge undoes its owner change, unless ownership moved again since (a later transfer is newer truth). */
function ownerAfterUnmerge(c: UndoMerge, s: CustomerRecord, merge: AbsorbedCustomer): CustomerEvent[] {
  const change = s.mergeOwnerChanges[merge.mergeId];
  if (!change || s.ownerId !== change.to) return [];
  const data = { customerId: s.customerId, mergeId: merge.mergeId, mergedCustomerId: merge.customerId, fromOwnerId: change.to, toOwnerId: change.from };
  return [{ type: 'customers.ownership-changed-by-merge.v1', data: { ...data, cause: 'unmerge', reason: c.reason, by: c.actor.id, at: c.now.toISOString() } }];
}

export function decideMarkMergedInto(c: MarkMergedInto, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireManager(c.actor, 'C2', 'merge customers');
  if (c.survivorId === s.customerId) throw violation('C2', 'merge-into-itself', 'a customer cannot be merged into itself');
  return [
    {
      type: 'customers.customer-merged-into.v1',
      data: { customerId: s.customerId, survivorId: c.survivorId, mergeId: c.mergeId, reason: c.reason, by: c.actor.id, at: c.now.toISOString() },
    },
  ];
}

export function decideAbsorb(c: AbsorbCustomer, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireManager(c.actor, 'C2', 'merge customers');
  if (c.merged.customerId === s.customerId) throw violation('C2', 'merge-into-itself', 'a customer cannot be merged into itself');
  if (s.absorbed.some((a) => a.mergeId === c.mergeId)) return [];
  const missing = conflictingFields(s.card, c.mergedCard).filter((f) => c.fieldWinners[f] === undefined);
  if (missing.length > 0) {
    throw violation('C2', 'field-winner-missing', `choose the winner of each field both records fill differently: ${missing.join(', ')}`, { fields: missing });
  }
  const cardAfter = mergedCard(s.card, c.mergedCard, c.fieldWinners);
  return [
    {
      type: 'customers.customer-absorbed.v1',
      data: {
        customerId: s.customerId,
        mergeId: c.mergeId,
        absorbed: c.merged,
        fieldWinners: c.fieldWinners,
        cardBefore: s.card,
        cardAfter,
        lifetimePoints: lifetimePoints(s) + c.merged.lifetimePoints,
        reason: c.reason,
        by: c.actor.id,
        at: c.now.toISOString(),
      },
    },
    ...ownerAfterMerge(c, s),
  ];
}

/** Restores the fields the merge changed, unless someone edited them since: a later edit is newer truth. */
function restoredCard(s: CustomerRecord, mergeId: string): CardFields {
  const cards = s.mergeCards[mergeId];
  if (!cards) return s.card;
  const out: Record<string, unknown> = {};
  for (const f of CARD_FIELDS) {
    const untouched = sameValue(s.card[f], cards.after[f]);
    out[f] = untouched ? cards.before[f] : s.card[f];
  }
  return out as unknown as CardFields;
}

export function decideUndoMerge(c: UndoMerge, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireManager(c.actor, 'C2', 'unmerge customers');
  const merge = s.absorbed.find((a) => a.customerId === c.mergedCustomerId);
  if (!merge) throw violation('C2', 'not-merged', `customer ${c.mergedCustomerId} is not merged into ${s.customerId}`);
  return [
    {
      type: 'customers.merge-undone.v1',
      data: {
        customerId: s.customerId,
        mergeId: merge.mergeId,
        mergedCustomerId: merge.customerId,
        cardRestored: restoredCard(s, merge.mergeId),
        lifetimePoints: lifetimePoints(s) - merge.lifetimePoints,
        reason: c.reason,
        by: c.actor.id,
        at: c.now.toISOString(),
      },
    },
    ...ownerAfterUnmerge(c, s, merge),
  ];
}

export function decideUnmerge(c: UnmergeCustomer, state: CustomerState): CustomerEvent[] {
  const s = requireRegistered(state);
  requireManager(c.actor, 'C2', 'unmerge customers');
  if (s.status === 'active') return [];
  if (s.mergedInto?.mergeId !== c.mergeId) {
    throw conflict('C2', 'merged-elsewhere', `customer ${s.customerId} was merged by another merge`, { survivorId: s.mergedInto?.survivorId });
  }
  return [
    {
      type: 'customers.customer-unmerged.v1',
      data: { customerId: s.customerId, survivorId: c.survivorId, mergeId: c.mergeId, reason: c.reason, by: c.actor.id, at: c.now.toISOString() },
    },
  ];
}
