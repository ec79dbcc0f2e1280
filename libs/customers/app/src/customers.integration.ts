import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { integrationEventOf, type OutgoingMessage } from '@rapport/platform-messaging';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerRegisteredV1 } from '@rapport/customers-contracts';
import type { CustomerEvent } from '@rapport/customers-domain';

/** Internal event → integration events, mapped explicitly: internal events never leave the service as they are. */
export function toIntegrationMessages(recorded: RecordedEvent): readonly OutgoingMessage[] {
  const event = { type: recorded.type, data: recorded.data } as CustomerEvent;
  switch (event.type) {
    case 'customers.customer-registered.v1': {
      const data: CustomerRegisteredV1 = {
        customerId: event.data.customerId,
        ownerId: event.data.ownerId,
        displayName: event.data.name,
        registeredAt: event.data.registeredAt,
      };
      return [
        {
          topic: CUSTOMERS_TOPIC,
          key: event.data.customerId,
          event: integrationEventOf(CUSTOMERS_SOURCE, CustomerEventTypes.registered, event.data.customerId, data, recorded),
        },
      ];
    }
    default: {
      const _exhaustive: never = event.type;
      return _exhaustive;
    }
  }
}
