export * from './customer.events';
export * from './customer.decider';
export * from './contact-normalization';
