import { deciderSpec } from '@rapport/platform-testing';
import { ana, cmd, dayN, historyOf, max, register, stateOf, T0 } from '../test/customer-fixtures';
import { createCustomerDecider } from './customer.decider';
import type { PersonStanding } from './customer.commands';

describe('D1: owners, collaborators, transfer targets and assignees are active people (the use case passes the fact in)', () => {
  const spec = deciderSpec(createCustomerDecider());
  const history = historyOf([cmd(register(), ana, T0)]);
  const transfer = (toOwnerStanding?: PersonStanding) =>
    cmd({ type: 'transfer-ownership', toOwnerId: 'rep-ben', reason: 'territory', ...(toOwnerStanding ? { toOwnerStanding } : {}) }, max);

  it('D1: a transfer to a person the directory does not know is refused, naming the person and the part', () => {
    spec.given(history).when(transfer('unknown')).thenThrows({ rule: 'D1', code: 'unknown-person' });
    expect(() => createCustomerDecider().decide(transfer('unknown'), stateOf(history))).toThrow(
      expect.objectContaining({ details: { personId: 'rep-ben', standing: 'unknown', part: 'transfer target' } }),
    );
  });

  it('D1: a transfer to a person who left is refused', () => {
    spec.given(history).when(transfer('inactive')).thenThrows({ rule: 'D1', code: 'inactive-person' });
  });

  it('D1: a transfer to an active person goes through; without a directory fact the decider does not guess', () => {
    spec.given(history).when(transfer('active')).thenState((s) => expect(s).toMatchObject({ ownerId: 'rep-ben' }));
    spec.given(history).when(transfer()).thenState((s) => expect(s).toMatchObject({ ownerId: 'rep-ben' }));
  });

  it('D1: a collaborator must be an active person', () => {
    spec.given(history).when(cmd({ type: 'add-collaborator', collaboratorId: 'rep-cy', collaboratorStanding: 'inactive' }, max)).thenThrows({ rule: 'D1', code: 'inactive-person' });
  });

  it('D1: a reclaimed customer goes only to an active assignee', () => {
    const reclaim = cmd({ type: 'reclaim-customer', toOwnerId: 'rep-cy', assignment: 'manager', reason: 'neglected', toOwnerStanding: 'unknown' }, max, dayN(91));
    spec.given(history).when(reclaim).thenThrows({ rule: 'D1', code: 'unknown-person' });
  });
});
