import { DomainError, type Decider } from '@rapport/platform-eventsourcing';
import type { CustomerEvent } from './customer.events';

export interface RegisterCustomer {
  readonly type: 'register-customer';
  readonly customerId: string;
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  /** The registering rep (the authenticated actor, never a body field). */
  readonly registeredBy: string;
  readonly now: Date;
}

export type CustomerCommand = RegisterCustomer;

export type CustomerState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly customerId: string; readonly ownerId: string };

export const initialCustomerState = (): CustomerState => ({ status: 'unregistered' });

export function decideCustomer(command: CustomerCommand, state: CustomerState): readonly CustomerEvent[] {
  switch (command.type) {
    case 'register-customer':
      if (state.status !== 'unregistered') {
        throw new DomainError('conflict', 'customer-exists', `customer ${command.customerId} is already registered`, 'C1');
      }
      return [
        {
          type: 'customers.customer-registered.v1',
          data: {
            customerId: command.customerId,
            name: command.name,
            phone: command.phone,
            email: command.email,
            ownerId: command.registeredBy,
            registeredAt: command.now.toISOString(),
          },
        },
      ];
    default: {
      const _exhaustive: never = command.type;
      return _exhaustive;
    }
  }
}

export function evolveCustomer(_state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'customers.customer-registered.v1':
      return { status: 'registered', customerId: event.data.customerId, ownerId: event.data.ownerId };
    default: {
      const _exhaustive: never = event.type;
      return _exhaustive;
    }
  }
}

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  initialState: initialCustomerState,
  decide: decideCustomer,
  evolve: evolveCustomer,
};
