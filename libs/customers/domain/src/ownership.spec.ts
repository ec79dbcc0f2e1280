import { deciderSpec } from '@rapport/platform-testing';
import { ana, ben, cmd, contact, dayN, historyOf, max, ofType, register, stateOf, T0 } from '../test/customer-fixtures';
import type { CustomerCommand } from './customer.commands';
import { customerDecider } from './customer.decider';
import { reclaimBasis, reclaimStatusAt } from './customer.derived';
import { defaultCustomerPolicy } from './customer.policy';

/**
 * Rules a mutation run showed no test pinned: each test here fails when the line that keeps the rule is
 * changed (the owner dropped from collaborators, the new owner's clock, the reclaim to the same owner).
 */
const transfer = (to: string, now: Date): CustomerCommand => cmd({ type: 'transfer-ownership', toOwnerId: to, reason: 'territory change' }, max, now);
const reclaim = (to: string, now: Date): CustomerCommand => cmd({ type: 'reclaim-customer', toOwnerId: to, assignment: 'manager', reason: 'neglected' }, max, now);
const withBen = [cmd(register(), ana, T0), cmd({ type: 'add-collaborator', collaboratorId: 'rep-ben' }, ana, T0)];

describe('C3/C4 ownership rules that must not drift', () => {
  const spec = deciderSpec(customerDecider);

  it('C3: a collaborator who becomes the owner by transfer is no longer a collaborator (the owner is never one)', () => {
    const s = stateOf(historyOf([...withBen, transfer('rep-ben', dayN(1))]));
    expect(s.ownerId).toBe('rep-ben');
    expect(s.collaborators).toEqual([]);
  });

  it('C3: a collaborator who becomes the owner by reclaim is no longer a collaborator', () => {
    const s = stateOf(historyOf([...withBen, reclaim('rep-ben', dayN(91))]));
    expect(s).toMatchObject({ ownerId: 'rep-ben', collaborators: [] });
  });

  it('C3: the owner cannot be added as a collaborator after a transfer either', () => {
    spec.given(historyOf([cmd(register(), ana, T0), transfer('rep-ben', dayN(1))]))
      .when(cmd({ type: 'add-collaborator', collaboratorId: 'rep-ben' }, max, dayN(2)))
      .thenThrows({ rule: 'C3', code: 'owner-cannot-collaborate' });
  });

  it('C4: a transfer restarts the reclaim clock: the new owner has 90 days from the transfer', () => {
    // Ana neglected Mia for 80 days; Ben gets her by transfer on day 80 and is not reclaimable on day 100.
    const history = historyOf([cmd(register(), ana, T0), transfer('rep-ben', dayN(80))]);
    const s = stateOf(history);
    expect(reclaimBasis(s)).toBe(dayN(80).toISOString());
    expect(reclaimStatusAt(s, dayN(100), defaultCustomerPolicy)).toBe('ok');
    expect(reclaimStatusAt(s, dayN(170), defaultCustomerPolicy)).toBe('reclaimable');
    spec.given(history).when(reclaim('rep-cy', dayN(100))).thenThrows({ rule: 'C4', code: 'not-reclaimable' });
  });

  it('C4: a reclaim to the current owner is refused', () => {
    spec.given(historyOf([cmd(register(), ana, T0)])).when(reclaim('rep-ana', dayN(91))).thenThrows({ rule: 'C4', code: 'already-owner' });
  });

  it('C4: a reclaimed customer does not keep its overdue follow-up: the new owner\'s first contact is due within 7 days', () => {
    const overdue = { ...contact(dayN(1)), nextStep: 'send the quote', nextStepAt: dayN(5) } as const;
    const history = historyOf([cmd(register(), ana, T0), cmd(overdue, ana, dayN(1)), reclaim('rep-ben', dayN(95))]);
    expect(ofType(history, 'customers.customer-reclaimed.v1')[0]!.data.followUp).toEqual({
      nextStep: 'first contact by the new owner',
      nextStepAt: dayN(95 + defaultCustomerPolicy.reclaim.newOwnerFirstContactDays).toISOString(),
    });
  });

  it('C4: the first contact due after a reclaim is policy', () => {
    const policy = { ...defaultCustomerPolicy, reclaim: { ...defaultCustomerPolicy.reclaim, newOwnerFirstContactDays: 2 } };
    const history = historyOf([cmd(register(), ana, T0), reclaim('rep-ben', dayN(95))], policy);
    expect(ofType(history, 'customers.customer-reclaimed.v1')[0]!.data.followUp?.nextStepAt).toBe(dayN(97).toISOString());
  });

  it('C4: a collaborator\'s old contact does not count for them as the new owner', () => {
    const history = historyOf([...withBen, cmd(contact(dayN(10)), ben, dayN(10)), transfer('rep-ben', dayN(50))]);
    expect(reclaimBasis(stateOf(history))).toBe(dayN(50).toISOString());
  });
});
