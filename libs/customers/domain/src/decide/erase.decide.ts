import { requireRegistered } from '../customer.access';
import type { EraseCustomer } from '../customer.commands';
import type { CustomerEvent } from '../customer.events';
import type { CustomerState } from '../customer.state';

/**
 * A5: recording an erasure. The key is destroyed by the use case before this is decided (so this is the
 * record of it, not the act); erasing twice records nothing new. Merged records can be erased too: the
 * person behind a duplicate has the same right.
 */
export function decideErase(c: EraseCustomer, state: CustomerState): CustomerEvent[] {
  const s = requireRegistered(state);
  if (s.erasedAt) return [];
  return [
    {
      type: 'customers.customer-erased.v1',
      data: { customerId: s.customerId, basis: c.basis, releasedKeys: c.releasedKeys, by: c.actor.id, at: c.now.toISOString() },
    },
  ];
}
