export * from './kurrentdb-records';
export * from './kurrentdb-event-store';
