export * from './postgres-schema';
export * from './postgres-event-store';
