import type { Decider } from '@rapport/platform-eventsourcing';
import { requireActive, requireManager, violation } from '../customer.access';
import type { CommandActor, CustomerCommand } from '../customer.commands';
import type { AbsorbedCustomer, CustomerEvent } from '../customer.events';
import type { CustomerState } from '../customer.state';
import { summarizeForMerge, type FieldWinners } from './merge.decide';

/**
 * C2 as one decision over both records: the events of the survivor's and the duplicate's streams are
 * decided together, from both states, and appended together (one multi-stream append with both expected
 * versions). A refusal on either side therefore leaves no event in either history: there is nothing to
 * compensate. Each side is decided by the customer decider itself, so everything it adds to a merge
 * (derived tier changes; C2's owner change, which `decideAbsorb` emits as its own event naming the merge)
 * comes along without a second code path.
 */

type CustomerDecider = Pick<Decider<CustomerCommand, CustomerEvent, CustomerState>, 'decide'>;

interface PairMeta {
  readonly actor: CommandActor;
  readonly now: Date;
  readonly reason: string;
}

export interface PairEvents {
  readonly survivor: readonly CustomerEvent[];
  readonly merged: readonly CustomerEvent[];
}

export type MergePair = PairMeta & { readonly mergeId: string; readonly fieldWinners: FieldWinners };

export function decideMergePair(decider: CustomerDecider, c: MergePair, survivor: CustomerState, merged: CustomerState): PairEvents {
  requireManager(c.actor, 'C2', 'merge customers');
  const s = requireActive(survivor);
  const m = requireActive(merged);
  if (s.customerId === m.customerId) throw violation('C2', 'merge-into-itself', 'a customer cannot be merged into itself');
  const meta = { actor: c.actor, now: c.now, reason: c.reason, mergeId: c.mergeId };
  // The survivor first: its refusals (a field winner missing) are the likely ones.
  const survivorEvents = decider.decide(
    { ...meta, type: 'absorb-customer', merged: summarizeForMerge(m, c.mergeId), mergedCard: m.card, fieldWinners: c.fieldWinners },
    survivor,
  );
  const mergedEvents = decider.decide({ ...meta, type: 'mark-merged-into', survivorId: s.customerId }, merged);
  return { survivor: survivorEvents, merged: mergedEvents };
}

export type UnmergePair = PairMeta & { readonly mergedCustomerId: string };

/** Reverses a merge on both streams at once; `merge` is what the survivor had absorbed (its keys go back). */
export function decideUnmergePair(
  decider: CustomerDecider,
  c: UnmergePair,
  survivor: CustomerState,
  merged: CustomerState,
): PairEvents & { readonly merge: AbsorbedCustomer } {
  requireManager(c.actor, 'C2', 'unmerge customers');
  const s = requireActive(survivor);
  const merge = s.absorbed.find((a) => a.customerId === c.mergedCustomerId);
  if (!merge) throw violation('C2', 'not-merged', `customer ${c.mergedCustomerId} is not merged into ${s.customerId}`);
  const meta = { actor: c.actor, now: c.now, reason: c.reason };
  const survivorEvents = decider.decide({ ...meta, type: 'undo-merge', mergedCustomerId: c.mergedCustomerId }, survivor);
  const mergedEvents = decider.decide({ ...meta, type: 'unmerge-customer', survivorId: s.customerId, mergeId: merge.mergeId }, merged);
  return { survivor: survivorEvents, merged: mergedEvents, merge };
}
