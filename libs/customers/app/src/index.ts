export * from './customers.module';
export * from './customers.tokens';
export * from './customer-card.projection';
export * from './customers.integration';
