export * from './feedback.contracts';
