export * from './customers.contracts';
