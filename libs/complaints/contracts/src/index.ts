export * from './complaints.contracts';
