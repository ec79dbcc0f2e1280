export const CUSTOMERS_SERVICE = 'customers';
export const CUSTOMERS_HOST = Symbol('customers:host');
export const CUSTOMER_COMMANDS = Symbol('customers:commands');
