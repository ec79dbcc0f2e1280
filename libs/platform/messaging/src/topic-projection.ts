import { PendingWrites, type CollectionSpec, type ProjectionView, type ReadModelStore } from '@rapport/platform-eventsourcing';
import type { Consumer, IncomingMessage, IntegrationEvent, MessageBus } from './message-bus';

/** A read model fed by integration events from other services' topics (they never share storage). */
export interface TopicProjection {
  readonly name: string;
  readonly version: number;
  readonly topics: readonly string[];
  readonly collections: readonly CollectionSpec[];
  apply(event: IntegrationEvent, view: ProjectionView, message: IncomingMessage): Promise<void> | void;
}

const PROCESSED = 'processed_events';

/**
 * Consumes topics into a read model exactly once in effect: each message's writes, a processed-marker
 * for its CloudEvent id, and the partition offset commit together. A redelivered offset is skipped by the
 * checkpoint guard; a re-published event (same id, new offset) by the marker.
 */
export class TopicProjectionRunner {
  private consumer: Consumer | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly readModels: ReadModelStore,
    readonly projection: TopicProjection,
  ) {}

  async start(): Promise<void> {
    if (this.consumer) return;
    await this.readModels.ensureCollections([...this.projection.collections, { name: PROCESSED }]);
    this.consumer = await this.bus.subscribe({
      groupId: this.projection.name,
      topics: this.projection.topics,
      handle: (message) => this.handle(message),
    });
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  private async handle(message: IncomingMessage): Promise<void> {
    const checkpointName = `${this.projection.name}@${message.topic}/${message.partition}`;
    const view = new PendingWrites(this.readModels);
    const markerId = `${this.projection.name}:${message.event.id}`;
    if (!(await view.get(PROCESSED, markerId))) {
      await this.projection.apply(message.event, view, message);
      view.put(PROCESSED, { id: markerId });
    }
    await this.readModels.commit(checkpointName, view.ops(), { position: message.offset + 1, version: this.projection.version });
  }
}
