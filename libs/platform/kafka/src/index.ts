export * from './cloud-events-binary';
export * from './kafka-bus.config';
export { describeError } from './kafka-client';
export * from './kafka-bus';
export * from './kafka-subscription';
export * from './topic-reader';
