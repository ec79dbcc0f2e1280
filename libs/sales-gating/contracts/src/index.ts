export * from './sales-gating.contracts';
