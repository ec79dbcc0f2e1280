import { fold } from '@rapport/platform-eventsourcing';
import { deciderSpec } from '@rapport/platform-testing';
import { ana, ben, cmd, contact, dayN, historyOf, max, purchase, register, stateOf, T0 } from '../test/customer-fixtures';
import type { CustomerCommand } from './customer.commands';
import { customerDecider } from './customer.decider';
import { lifetimePoints } from './customer.derived';
import type { CustomerEvent } from './customer.events';
import { summarizeForMerge } from './decide/merge.decide';

/** Two records of the same person, as two reps created them before C1 existed (an import from an old CRM). */
const survivorHistory = historyOf([
  cmd(register({ customerId: 'c-a', name: 'Mia Wong', phone: '+14155550100', email: null }), ana, T0),
  cmd(purchase('p-a', 3_000, dayN(1)), ana, dayN(1)),
  cmd(contact(dayN(2)), ana, dayN(2)),
]);
const duplicateHistory = historyOf([
  cmd(register({ customerId: 'c-b', name: 'Mia Wong-Li', phone: '+14155550199', email: 'mia@example.com', company: 'Wong Logistics' }), ben, T0),
  cmd(purchase('p-b', 2_500, dayN(3)), ben, dayN(3)),
]);

/** The merge as the app runs it: freeze the duplicate, then absorb its summary into the survivor. */
function merge(fieldWinners: Record<string, 'survivor' | 'merged'>): { survivor: CustomerEvent[]; duplicate: CustomerEvent[] } {
  const mark: CustomerCommand = cmd({ type: 'mark-merged-into', survivorId: 'c-a', mergeId: 'm-1', reason: 'same person' }, max, dayN(5));
  const duplicate = [...duplicateHistory, ...customerDecider.decide(mark, fold(customerDecider, duplicateHistory))];
  const frozen = stateOf(duplicate);
  const absorb: CustomerCommand = cmd(
    { type: 'absorb-customer', mergeId: 'm-1', merged: summarizeForMerge(frozen, 'm-1'), mergedCard: frozen.card, fieldWinners, reason: 'same person' },
    max,
    dayN(5),
  );
  return { survivor: [...survivorHistory, ...customerDecider.decide(absorb, fold(customerDecider, survivorHistory))], duplicate };
}

describe('C2 merge and unmerge', () => {
  const spec = deciderSpec(customerDecider);

  it('C2: the survivor keeps the history of both, and each differing field takes its explicitly chosen winner', () => {
    const { survivor, duplicate } = merge({ name: 'merged', phone: 'survivor' });
    const s = stateOf(survivor);
    expect(s.card).toMatchObject({ name: 'Mia Wong-Li', phone: '+14155550100', email: 'mia@example.com', company: 'Wong Logistics' });
    expect(lifetimePoints(s)).toBe(5_500);
    expect(s.tier).toBe('silver');
    expect(s.absorbed.map((a) => a.purchases.map((p) => p.purchaseId))).toEqual([['p-b']]);
    expect(s.absorbed[0]!.contactKeys).toEqual(['phone:+14155550199', 'email:mia@example.com']);
    expect(stateOf(duplicate)).toMatchObject({ status: 'merged', mergedInto: { survivorId: 'c-a', mergeId: 'm-1' } });
  });

  it('C2: a merge needs a winner for every field both records fill differently', () => {
    const frozen = stateOf(duplicateHistory);
    spec
      .given(survivorHistory)
      .when(cmd({ type: 'absorb-customer', mergeId: 'm-1', merged: summarizeForMerge(frozen, 'm-1'), mergedCard: frozen.card, fieldWinners: { name: 'survivor' }, reason: 'x' }, max, dayN(5)))
      .thenThrows({ rule: 'C2', code: 'field-winner-missing', details: { fields: ['phone'] } } as never);
  });

  it('C2: merge then unmerge restores both records and their histories', () => {
    const { survivor, duplicate } = merge({ name: 'merged', phone: 'survivor' });
    const undo = customerDecider.decide(cmd({ type: 'undo-merge', mergedCustomerId: 'c-b', reason: 'not the same person after all' }, max, dayN(6)), stateOf(survivor));
    const unmerge = customerDecider.decide(cmd({ type: 'unmerge-customer', survivorId: 'c-a', mergeId: 'm-1', reason: 'not the same person' }, max, dayN(6)), stateOf(duplicate));
    const survivorAfter = stateOf([...survivor, ...undo]);
    const duplicateAfter = stateOf([...duplicate, ...unmerge]);
    const before = stateOf(survivorHistory);

    expect(survivorAfter.card).toEqual(before.card);
    expect(survivorAfter.absorbed).toEqual([]);
    expect(lifetimePoints(survivorAfter)).toBe(3_000);
    expect(survivorAfter.tier).toBe('member');
    expect(duplicateAfter.status).toBe('active');
    expect(duplicateAfter.card).toEqual(stateOf(duplicateHistory).card);
    expect(duplicateAfter.purchases).toEqual(stateOf(duplicateHistory).purchases);
    // Nothing was deleted: the merge and its undoing are both on record.
    expect([...survivor, ...undo].map((e) => e.type)).toEqual(expect.arrayContaining(['customers.customer-absorbed.v1', 'customers.merge-undone.v1']));
  });

  it('C2: an unmerge keeps field edits made after the merge', () => {
    const { survivor } = merge({ name: 'merged', phone: 'survivor' });
    const edited = [...survivor, ...customerDecider.decide(cmd({ type: 'update-card', changes: { name: 'Mia W. Li' } }, ana, dayN(6)), stateOf(survivor))];
    const undo = customerDecider.decide(cmd({ type: 'undo-merge', mergedCustomerId: 'c-b', reason: 'x' }, max, dayN(7)), stateOf(edited));
    expect(stateOf([...edited, ...undo]).card).toMatchObject({ name: 'Mia W. Li', email: null, company: null });
  });

  it('C2: a merged record is frozen; changes go to the survivor', () => {
    const { duplicate } = merge({ name: 'merged', phone: 'survivor' });
    spec.given(duplicate).when(cmd(contact(dayN(6)), ben, dayN(6))).thenThrows({ rule: 'C2', code: 'customer-merged', kind: 'conflict' });
  });

  it('C2: only a manager merges', () => {
    spec.given(duplicateHistory).when(cmd({ type: 'mark-merged-into', survivorId: 'c-a', mergeId: 'm-1', reason: 'x' }, ana, dayN(5))).thenThrows({ rule: 'C2', kind: 'forbidden' });
  });

  describe('C2/C3 a merge never moves the customer behind the rep\'s back', () => {
    // Ben registered Mia first (day 0); Ana registered her again on day 10. A manager merges Ben's record into Ana's.
    const first = historyOf([cmd(register({ customerId: 'c-first', name: 'Mia Wong', phone: '+14155550199', email: null }), ben, T0)]);
    const later = historyOf([cmd(register({ customerId: 'c-later', name: 'Mia Wong', phone: '+14155550100', email: null }), ana, dayN(10))]);
    const absorbInto = (survivor: CustomerEvent[], mergedHistory: CustomerEvent[], mergeId: string, now: Date): CustomerEvent[] => {
      const merged = stateOf(mergedHistory);
      const absorb = cmd({ type: 'absorb-customer', mergeId, merged: summarizeForMerge(merged, mergeId), mergedCard: merged.card, fieldWinners: { phone: 'survivor' }, reason: 'same person' }, max, now);
      return [...survivor, ...customerDecider.decide(absorb, stateOf(survivor))];
    };

    it('C2: merging a first-registered record into a later one keeps the first owner, as its own event naming the merge', () => {
      const merged = absorbInto(later, first, 'm-7', dayN(20));
      const changes = merged.filter((e) => e.type === 'customers.ownership-changed-by-merge.v1');
      expect(changes.map((e) => e.data)).toEqual([
        expect.objectContaining({ customerId: 'c-later', mergeId: 'm-7', mergedCustomerId: 'c-first', fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', cause: 'merge', by: 'manager-max' }),
      ]);
      expect(stateOf(merged)).toMatchObject({ ownerId: 'rep-ben', ownerSince: dayN(20).toISOString() });
    });

    it('C3: merging a later record into the first-registered one changes no owner, and says nothing', () => {
      const merged = absorbInto(first, later, 'm-8', dayN(20));
      expect(merged.map((e) => e.type)).not.toContain('customers.ownership-changed-by-merge.v1');
      expect(stateOf(merged).ownerId).toBe('rep-ben');
    });

    it('C2: the same owner on both records is no ownership change', () => {
      const sameOwner = historyOf([cmd(register({ customerId: 'c-first', name: 'Mia Wong', phone: '+14155550199', email: null }), ana, T0)]);
      expect(absorbInto(later, sameOwner, 'm-9', dayN(20)).map((e) => e.type)).not.toContain('customers.ownership-changed-by-merge.v1');
    });

    it('C2: undoing the merge gives the survivor back to its own owner, unless ownership moved since', () => {
      const merged = absorbInto(later, first, 'm-7', dayN(20));
      const undo = cmd({ type: 'undo-merge', mergedCustomerId: 'c-first', reason: 'two different people' }, max, dayN(21));
      const undone = customerDecider.decide(undo, stateOf(merged));
      expect(undone.filter((e) => e.type === 'customers.ownership-changed-by-merge.v1').map((e) => e.data)).toEqual([
        expect.objectContaining({ fromOwnerId: 'rep-ben', toOwnerId: 'rep-ana', cause: 'unmerge', mergeId: 'm-7' }),
      ]);
      expect(stateOf([...merged, ...undone]).ownerId).toBe('rep-ana');

      const transferred = [...merged, ...customerDecider.decide(cmd({ type: 'transfer-ownership', toOwnerId: 'rep-cy', reason: 'territory' }, max, dayN(21)), stateOf(merged))];
      const undoneLater = customerDecider.decide(undo, stateOf(transferred));
      expect(undoneLater.map((e) => e.type)).not.toContain('customers.ownership-changed-by-merge.v1');
      expect(stateOf([...transferred, ...undoneLater]).ownerId).toBe('rep-cy');
    });

    it('C2: "registered first" counts the records a survivor absorbed before', () => {
      // Ana's later record already absorbed an even earlier one of Ana's: Ben's is no longer the first.
      const earliest = historyOf([cmd(register({ customerId: 'c-earliest', name: 'Mia Wong', phone: '+14155550111', email: null }), ana, dayN(-30))]);
      const withEarliest = absorbInto(later, earliest, 'm-1', dayN(15));
      expect(absorbInto(withEarliest, first, 'm-2', dayN(20)).map((e) => e.type)).not.toContain('customers.ownership-changed-by-merge.v1');
    });
  });
});
