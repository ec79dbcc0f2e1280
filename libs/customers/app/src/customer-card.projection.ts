import type { Projection } from '@rapport/platform-eventsourcing';
import type { CustomerEvent } from '@rapport/customers-domain';

export const CUSTOMER_CARDS = 'customer_cards';

/** The customer card read model (C9 grows it); one document per customer. */
export interface CustomerCard {
  readonly id: string;
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly ownerId: string;
  readonly registeredAt: string;
  /** Global position of the last event reflected here. */
  readonly position: number;
}

export const customerCardProjection: Projection = {
  name: 'customer-card',
  version: 1,
  collections: [{ name: CUSTOMER_CARDS, indexes: [['ownerId']] }],
  apply(recorded, view) {
    const event = { type: recorded.type, data: recorded.data } as CustomerEvent;
    switch (event.type) {
      case 'customers.customer-registered.v1': {
        const { customerId, ...rest } = event.data;
        view.put<CustomerCard>(CUSTOMER_CARDS, { id: customerId, ...rest, position: recorded.metadata.globalPosition });
        return;
      }
      default: {
        const _exhaustive: never = event.type;
        return _exhaustive;
      }
    }
  },
};
