import { reactor, type EventStore, type PlatformLogger, type Processor, type ProcessorLag, type ReadModelStore, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { MessageBus, OutgoingMessage } from './message-bus';

export interface OutboxRelayOptions {
  /** Unique per service; the checkpoint is stored as `relay:<name>`. */
  readonly name: string;
  /** Internal event → integration messages. Internal events are never published as they are. */
  readonly map: (event: RecordedEvent) => readonly OutgoingMessage[];
  readonly batchSize?: number;
  readonly logger?: PlatformLogger;
}

/**
 * The event stream is the outbox: the relay is a reactor over the service's own store that publishes the
 * mapped integration events, and its checkpoint advances only after the bus acknowledged them.
 * A crash between the two re-publishes the batch (at-least-once); the CloudEvent id is the event id, so
 * consumers drop the copies.
 */
export class OutboxRelay {
  private readonly processor: Processor;

  constructor(events: EventStore, checkpoints: ReadModelStore, bus: MessageBus, options: OutboxRelayOptions) {
    this.processor = reactor(events, checkpoints, {
      name: `relay:${options.name}`,
      batchSize: options.batchSize ?? 500,
      ...(options.logger ? { logger: options.logger } : {}),
      eachBatch: (batch) => bus.publish(batch.flatMap(options.map)),
    });
  }

  start(): Promise<void> {
    return this.processor.start();
  }

  stop(): Promise<void> {
    return this.processor.stop();
  }

  isCaughtUp(): Promise<boolean> {
    return this.processor.isCaughtUp();
  }

  lag(): Promise<ProcessorLag> {
    return this.processor.lag();
  }
}
