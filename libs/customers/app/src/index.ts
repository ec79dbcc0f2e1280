export * from './customers.module';
export * from './customers.tokens';
export * from './customers.integration';
export * from './customer-commands';
export * from './customer-policy.config';
export * from './read-models/customer-card.model';
export * from './read-models/customer-card.projection';
