import { fold } from '@rapport/platform-eventsourcing';
import { ana, ben, cmd, dayN, historyOf, max, purchase, register, stateOf, T0 } from '../test/customer-fixtures';
import { customerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
import { decideMergePair, decideUnmergePair } from './decide/merge-pair.decide';

const survivorHistory = historyOf([
  cmd(register({ customerId: 'c-a', name: 'Mia Wong', phone: '+14155550100', email: null }), ana, T0),
  cmd(purchase('p-a', 3_000, dayN(1)), ana, dayN(1)),
]);
const duplicateHistory = historyOf([
  cmd(register({ customerId: 'c-b', name: 'Mia Wong-Li', phone: '+14155550199', email: 'mia@example.com' }), ben, dayN(1)),
  cmd(purchase('p-b', 2_500, dayN(3)), ben, dayN(3)),
]);
const state = (events: readonly CustomerEvent[]) => fold(customerDecider, events);
const types = (events: readonly CustomerEvent[]) => events.map((e) => e.type);
const mergePair = (fieldWinners: Record<string, 'survivor' | 'merged'>, actor = max) =>
  decideMergePair(customerDecider, { mergeId: 'm-1', fieldWinners, reason: 'same person', actor, now: dayN(5) }, state(survivorHistory), state(duplicateHistory));

describe('C2 merge and unmerge as one decision over both records', () => {
  it('C2: a refused merge (a field winner missing) decides nothing for either record: it throws before any event exists', () => {
    expect(() => mergePair({ name: 'merged' })).toThrow(expect.objectContaining({ rule: 'C2', code: 'field-winner-missing' }));
    expect(() => mergePair({ name: 'merged', phone: 'survivor' }, ana)).toThrow(expect.objectContaining({ rule: 'C2' }));
  });

  it('C2: a merge decides the survivor\'s absorb and the duplicate\'s freeze together, from both states', () => {
    const decided = mergePair({ name: 'merged', phone: 'survivor' });
    expect(types(decided.survivor)).toContain('customers.customer-absorbed.v1');
    expect(types(decided.merged)).toEqual(['customers.customer-merged-into.v1']);
    const survivor = stateOf([...survivorHistory, ...decided.survivor]);
    expect(survivor.absorbed.map((a) => a.customerId)).toEqual(['c-b']);
    expect(stateOf([...duplicateHistory, ...decided.merged])).toMatchObject({ status: 'merged', mergedInto: { survivorId: 'c-a', mergeId: 'm-1' } });
  });

  it('C2: an unmerge decides both records back in one decision; a record not merged is refused with nothing decided', () => {
    const merged = mergePair({ name: 'merged', phone: 'survivor' });
    const s = [...survivorHistory, ...merged.survivor];
    const d = [...duplicateHistory, ...merged.merged];
    const undone = decideUnmergePair(customerDecider, { mergedCustomerId: 'c-b', reason: 'not the same', actor: max, now: dayN(6) }, state(s), state(d));
    expect(undone.merge.mergeId).toBe('m-1');
    expect(types(undone.survivor)).toContain('customers.merge-undone.v1');
    expect(types(undone.merged)).toEqual(['customers.customer-unmerged.v1']);
    expect(stateOf([...d, ...undone.merged]).status).toBe('active');
    expect(() =>
      decideUnmergePair(customerDecider, { mergedCustomerId: 'c-b', reason: 'x', actor: max, now: dayN(6) }, state(survivorHistory), state(duplicateHistory)),
    ).toThrow(expect.objectContaining({ rule: 'C2', code: 'not-merged' }));
  });

  it('C2: when the duplicate was registered first, the owner change comes with the merge as its own event naming it, in the same decision', () => {
    const earlier = historyOf([cmd(register({ customerId: 'c-0', name: 'Mia W.', phone: '+14155550177', email: null }), ben, T0)]);
    const later = historyOf([cmd(register({ customerId: 'c-1', name: 'Mia Wong', phone: '+14155550178', email: null }), ana, dayN(2))]);
    const decided = decideMergePair(customerDecider, { mergeId: 'm-2', fieldWinners: { name: 'survivor', phone: 'survivor' }, reason: 'same person', actor: max, now: dayN(5) }, state(later), state(earlier));
    const change = decided.survivor.find((e) => e.type === 'customers.ownership-changed-by-merge.v1');
    expect(change?.data).toMatchObject({ mergeId: 'm-2', fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben' });
    expect(stateOf([...later, ...decided.survivor]).ownerId).toBe('rep-ben');
  });
});
