export * from './cloud-events-binary';
export * from './kafka-bus.config';
export { describeError, kafkaClient, type KafkaClientModule, type KafkaConnectionOptions } from './kafka-client';
export * from './kafka-bus';
export * from './kafka-subscription';
export * from './topic-reader';
export * from './message-bus.transport';
export * from './raw-dead-letter';
export * from './dead-letter-log';
