export * from './directory.contracts';
