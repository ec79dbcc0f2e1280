export * from './decider-spec';
export * from './recorded-events';
export * from './projection-spec';
export * from './event-store-conformance';
export * from './read-model-conformance';
export * from './child-process';
export * from './message-bus-conformance';
export * from './engines';
