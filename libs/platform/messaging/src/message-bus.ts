/**
 * The message-bus port for integration events between services and with integrators.
 * Adapters: durable in-process (embedded mode) and Kafka (distributed mode). Both deliver at least once;
 * consumers make it exactly-once in effect by de-duplicating on the CloudEvent id.
 */

/** A CloudEvents 1.0 event with JSON data, as Rapport publishes it. */
export interface IntegrationEvent<T = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  /** URI-reference of the producing service, e.g. `/rapport/customers`. */
  readonly source: string;
  /** Versioned type, e.g. `rapport.customers.customer-registered.v1`. */
  readonly type: string;
  /** The entity the event is about (customer id, complaint reference). */
  readonly subject?: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: T;
  /** Extensions (lower-case, alphanumeric, per the spec). */
  readonly correlationid?: string;
  readonly causationid?: string;
  readonly actorid?: string;
  /** W3C trace context (CloudEvents distributed-tracing extension). */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

export interface OutgoingMessage {
  readonly topic: string;
  /** Partition key: all events of one customer keep their order. */
  readonly key: string;
  readonly event: IntegrationEvent;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  /** Position within the partition. */
  readonly offset: number;
  readonly key: string;
  readonly event: IntegrationEvent;
}

/** Thrown by a handler for a message that no retry can fix (invalid content): it goes to the dead-letter topic at once. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

export interface ConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handle: (message: IncomingMessage) => Promise<void>;
  /** Attempts before a failing message is parked on the dead-letter topic. */
  readonly maxAttempts?: number;
  /** First retry delay; doubles on each further attempt. */
  readonly retryDelayMs?: number;
}

export interface Consumer {
  stop(): Promise<void>;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions?: number;
  readonly replicationFactor?: number;
}

export interface MessageBus {
  /** Resolves once the messages are durably accepted (broker acknowledgement); never earlier. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: ConsumerOptions): Promise<Consumer>;
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  close(): Promise<void>;
}

/** The dead-letter topic of a topic. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** What a dead-letter message carries besides the original message. */
export interface DeadLetter {
  readonly originalTopic: string;
  readonly partition: number;
  readonly offset: number;
  readonly groupId: string;
  readonly reason: string;
  readonly attempts: number;
  readonly failedAt: string;
  /** The original value, verbatim when it could not be parsed. */
  readonly value: unknown;
}
