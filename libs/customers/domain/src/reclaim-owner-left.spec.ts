import { deciderSpec } from '@rapport/platform-testing';
import { ana, cmd, dayN, historyOf, max, ofType, register, stateOf, T0 } from '../test/customer-fixtures';
import { createCustomerDecider } from './customer.decider';
import type { CustomerCommand } from './customer.commands';

const reclaim = (deactivatedOwnerId: string | undefined, now = dayN(1)): CustomerCommand =>
  cmd(
    { type: 'reclaim-customer', toOwnerId: 'rep-ben', assignment: 'least-busy', reason: 'owner rep-ana left the company (D2)', ...(deactivatedOwnerId ? { deactivatedOwnerId } : {}) },
    max,
    now,
  );

describe('D2: a rep leaves — their customers are reassignable at once, through the C4 reclaim', () => {
  const spec = deciderSpec(createCustomerDecider());
  const history = historyOf([cmd(register(), ana, T0)]);

  it('D2: the day after registration, a customer whose owner left is reclaimed with the reason recorded', () => {
    const events = createCustomerDecider().decide(reclaim('rep-ana'), stateOf(history));
    expect(ofType(events, 'customers.customer-reclaimed.v1')[0]!.data).toMatchObject({ fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', assignment: 'least-busy', reason: 'owner rep-ana left the company (D2)' });
  });

  it('D2, C4: without the directory saying the owner left, the 90-day rule still holds', () => {
    spec.given(history).when(reclaim(undefined)).thenThrows({ rule: 'C4', code: 'not-reclaimable' });
  });

  it('D2: the flag must name the current owner, so a stale fact about someone else reclaims nothing', () => {
    spec.given(history).when(reclaim('rep-cy')).thenThrows({ rule: 'C4', code: 'not-reclaimable' });
  });

  it('C4: only a manager reclaims, even when the owner left', () => {
    spec.given(history).when({ ...reclaim('rep-ana'), actor: { id: 'rep-ben', roles: ['rep'] } }).thenThrows({ kind: 'forbidden' });
  });
});
