import { deciderSpec } from '@rapport/platform-testing';
import { customerDecider } from './customer.decider';
import type { CustomerRegistered } from './customer.events';

const now = new Date('2026-03-03T09:00:00.000Z');
const registered: CustomerRegistered = {
  type: 'customers.customer-registered.v1',
  data: {
    customerId: 'c-1',
    name: 'Mia Wong',
    phone: '+14155550100',
    email: 'mia@example.com',
    ownerId: 'rep-ana',
    registeredAt: now.toISOString(),
  },
};
const register = {
  type: 'register-customer' as const,
  customerId: 'c-1',
  name: 'Mia Wong',
  phone: '+14155550100',
  email: 'mia@example.com',
  registeredBy: 'rep-ana',
  now,
};

describe('customer decider', () => {
  const spec = deciderSpec(customerDecider);

  it('C3: the rep who registers a customer owns it', () => {
    spec.given([]).when(register).then([registered]);
  });

  it('C1: a customer is registered once', () => {
    spec.given([registered]).when({ ...register, registeredBy: 'rep-ben' }).thenThrows({ rule: 'C1', kind: 'conflict' });
  });
});
