import type { DomainEvent } from '@rapport/platform-eventsourcing';

/** Internal events of the customer stream (`customer-<id>`). Other services see only the contracts. */
export type CustomerRegistered = DomainEvent<
  'customers.customer-registered.v1',
  {
    readonly customerId: string;
    readonly name: string;
    /** E.164, normalised at registration (C1). */
    readonly phone: string | null;
    /** Lower case, trimmed (C1). */
    readonly email: string | null;
    /** C3: the registering rep owns the customer. */
    readonly ownerId: string;
    readonly registeredAt: string;
  }
>;

export type CustomerEvent = CustomerRegistered;

export const customerStreamId = (customerId: string): string => `customer-${customerId}`;
