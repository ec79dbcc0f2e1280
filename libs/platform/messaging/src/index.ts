export * from './message-bus';
export * from './cloud-events';
export * from './delivery';
export * from './in-process-bus';
export * from './outbox-relay';
export * from './topic-projection';
