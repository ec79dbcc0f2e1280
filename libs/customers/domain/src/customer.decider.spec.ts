import { deciderSpec } from '@rapport/platform-testing';
import { ana, ben, cmd, CUSTOMER, historyOf, max, register, stateOf, T0 } from '../test/customer-fixtures';
import { customerDecider } from './customer.decider';
import { defaultCustomerPolicy } from './customer.policy';
import type { CustomerEvent } from './customer.events';

const registered: CustomerEvent = {
  type: 'customers.customer-registered.v1',
  data: {
    customerId: CUSTOMER,
    name: 'Mia Wong',
    phone: '+14155550100',
    email: 'mia@example.com',
    ownerId: 'rep-ana',
    registeredAt: T0.toISOString(),
    company: null,
    registeredBy: 'rep-ana',
    source: 'api',
  },
};
const announced: CustomerEvent = {
  type: 'customers.stage-changed.v1',
  data: { customerId: CUSTOMER, from: null, to: 'prospect-without-intent', at: T0.toISOString(), policyVersion: defaultCustomerPolicy.version },
};

describe('customer decider: registration and ownership', () => {
  const spec = deciderSpec(customerDecider);

  it('C3: the rep who registers a customer owns it, and the new record announces its lifecycle stage', () => {
    spec.given([]).when(cmd(register(), ana)).then([registered, announced]);
  });

  it('C1: a customer is registered once', () => {
    spec.given([registered]).when(cmd(register(), ben)).thenThrows({ rule: 'C1', kind: 'conflict', code: 'customer-exists' });
  });

  it('C1: a prospect known only by name can be registered (nothing to dedupe on yet)', () => {
    spec.given([]).when(cmd(register({ phone: null, email: null }))).thenState((s) => expect(s).toMatchObject({ status: 'active', ownKeys: [] }));
  });

  it('C3: a rep cannot register a customer in another rep\'s name; a manager can', () => {
    spec.given([]).when(cmd(register({ ownerId: 'rep-ben' }), ana)).thenThrows({ rule: 'C3', code: 'owner-is-registrant' });
    spec.given([]).when(cmd(register({ ownerId: 'rep-ben' }), max)).thenState((s) => expect(s).toMatchObject({ ownerId: 'rep-ben' }));
  });

  it('C3: a manager transfers ownership with a reason, and the transfer names both owners', () => {
    const events = historyOf([cmd(register(), ana), cmd({ type: 'transfer-ownership', toOwnerId: 'rep-ben', reason: 'territory change' }, max)]);
    expect(events).toContainEqual({
      type: 'customers.ownership-transferred.v1',
      data: { customerId: CUSTOMER, fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', reason: 'territory change', by: 'manager-max', at: T0.toISOString() },
    });
    expect(stateOf(events).ownerId).toBe('rep-ben');
  });

  it('C3: a non-manager cannot transfer ownership, not even the owner', () => {
    const given = historyOf([cmd(register(), ana)]);
    spec.given(given).when(cmd({ type: 'transfer-ownership', toOwnerId: 'rep-ben', reason: 'swap' }, ana)).thenThrows({ rule: 'C3', kind: 'forbidden' });
    spec.given(given).when(cmd({ type: 'transfer-ownership', toOwnerId: 'rep-ben', reason: 'grab' }, ben)).thenThrows({ rule: 'C3', kind: 'forbidden' });
  });

  it('C3: transferring to the current owner is refused', () => {
    const given = historyOf([cmd(register(), ana)]);
    spec.given(given).when(cmd({ type: 'transfer-ownership', toOwnerId: 'rep-ana', reason: 'noop' }, max)).thenThrows({ rule: 'C3', code: 'already-owner' });
  });

  it('C3: collaborators help without owning; only the owner or a manager adds them, and the owner is never one', () => {
    const given = historyOf([cmd(register(), ana)]);
    spec.given(given).when(cmd({ type: 'add-collaborator', collaboratorId: 'rep-ben' }, ana)).thenState((s) => {
      expect(s).toMatchObject({ ownerId: 'rep-ana', collaborators: ['rep-ben'] });
    });
    spec.given(given).when(cmd({ type: 'add-collaborator', collaboratorId: 'rep-ben' }, ben)).thenThrows({ rule: 'C3', kind: 'forbidden' });
    spec.given(given).when(cmd({ type: 'add-collaborator', collaboratorId: 'rep-ana' }, max)).thenThrows({ rule: 'C3', code: 'owner-cannot-collaborate' });
  });

  it('C3: a collaborator may work on the customer but not remove other collaborators', () => {
    const given = historyOf([
      cmd(register(), ana),
      cmd({ type: 'add-collaborator', collaboratorId: 'rep-ben' }, ana),
      cmd({ type: 'add-collaborator', collaboratorId: 'rep-cy' }, ana),
    ]);
    spec.given(given).when(cmd({ type: 'set-grade', grade: 'B', reason: 'budget next quarter' }, ben)).thenState((s) => expect(s).toMatchObject({ grade: 'B' }));
    spec.given(given).when(cmd({ type: 'remove-collaborator', collaboratorId: 'rep-cy', reason: null }, ben)).thenThrows({ rule: 'C3', kind: 'forbidden' });
    spec.given(given).when(cmd({ type: 'remove-collaborator', collaboratorId: 'rep-ben', reason: 'stepping back' }, ben)).thenState((s) => {
      expect(s).toMatchObject({ collaborators: ['rep-cy'] });
    });
  });

  it('C3: another rep can change nothing on a customer they neither own nor collaborate on', () => {
    const given = historyOf([cmd(register(), ana)]);
    spec.given(given).when(cmd({ type: 'set-grade', grade: 'A', reason: 'mine now' }, ben)).thenThrows({ rule: 'C3', code: 'not-owner-or-collaborator' });
  });
});
