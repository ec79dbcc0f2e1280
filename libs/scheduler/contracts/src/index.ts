export * from './scheduler.contracts';
