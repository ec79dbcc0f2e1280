/**
 * Integration events of the customers service, published on {@link CUSTOMERS_TOPIC} as CloudEvents.
 * This is a public contract with other services and integrators: a change that breaks a consumer gets a
 * new type version (`.v2`) published beside the old one, never an edit of `.v1`.
 */
export const CUSTOMERS_TOPIC = 'rapport.customers.v1';
export const CUSTOMERS_SOURCE = '/rapport/customers';

export const CustomerEventTypes = {
  registered: 'rapport.customers.customer-registered.v1',
} as const;

/** No personal data beyond the display name: consumers that need more ask with their own authority. */
export interface CustomerRegisteredV1 {
  readonly customerId: string;
  readonly ownerId: string;
  readonly displayName: string;
  readonly registeredAt: string;
}
