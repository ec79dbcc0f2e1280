export const CUSTOMERS_SERVICE = 'customers';
/** The ServiceHost running the customers projections and the outbox relay. */
export const CUSTOMERS_HOST = Symbol('customers:host');
/** The customers policy in force (C4, C6, C8, C9, C12 defaults), versioned. */
export const CUSTOMER_POLICY = Symbol('customers:policy');
