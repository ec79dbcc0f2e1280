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
const DAY_MS = 86_400_000;

export interface TopicProjectionRunnerOptions {
  /**
   * How long a processed-marker is kept (default 7 days). A re-published event older than this is applied
   * again, so the window must exceed the longest redelivery: relay catch-up after an outage, a dead-letter replay.
   */
  readonly markerRetentionMs?: number;
  /** How often the sweep runs while the runner runs (default hourly). */
  readonly sweepIntervalMs?: number;
  readonly now?: () => Date;
}

/**
 * Consumes topics into a read model exactly once in effect: each message's writes, a processed-marker
 * for its CloudEvent id, and the partition offset commit together. A redelivered offset is skipped by the
 * checkpoint guard; a re-published event (same id, new offset) by the marker.
 */
export class TopicProjectionRunner {
  private consumer: Consumer | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly bus: MessageBus,
    private readonly readModels: ReadModelStore,
    readonly projection: TopicProjection,
    private readonly options: TopicProjectionRunnerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Creates the projection's collections (idempotent). The service calls it as it starts, before the bus can be
   * reached, so a read of the still empty copy answers "none" instead of failing on a missing table.
   */
  async prepare(): Promise<void> {
    await this.readModels.ensureCollections([...this.projection.collections, { name: PROCESSED }]);
  }

  async start(): Promise<void> {
    if (this.consumer) return;
    await this.prepare();
    this.consumer = await this.bus.subscribe({
      groupId: this.projection.name,
      topics: this.projection.topics,
      handle: (message) => this.handle(message),
    });
    // Markers would otherwise grow with every event ever consumed; a failed sweep is simply tried next time.
    this.sweeper = setInterval(() => void this.sweepMarkers().catch(() => undefined), this.options.sweepIntervalMs ?? 3_600_000);
    this.sweeper.unref();
  }

  /**
   * Deletes this projection's processed-markers older than the retention window; answers how many. Markers
   * written before markers carried `processedAt` are never matched (they stay until a rebuild).
   */
  async sweepMarkers(): Promise<number> {
    const now = this.now();
    const cutoff = new Date(now.getTime() - (this.options.markerRetentionMs ?? 7 * DAY_MS)).toISOString();
    const prefix = `${this.projection.name}:`;
    let deleted = 0;
    for (;;) {
      const where = { id: { gte: prefix, lt: `${prefix}\uffff` }, processedAt: { lt: cutoff } };
      const old = await this.readModels.find<{ id: string }>(PROCESSED, { where, limit: 1_000 });
      if (old.length === 0) return deleted;
      // Its own checkpoint name: the sweep never moves a partition's offset checkpoint.
      await this.readModels.commit(`${this.projection.name}:marker-sweep`, old.map((m) => ({ kind: 'delete' as const, collection: PROCESSED, id: m.id })), { position: now.getTime() + deleted, version: 1 });
      deleted += old.length;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
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
      view.put(PROCESSED, { id: markerId, processedAt: this.now().toISOString() });
    }
    await this.readModels.commit(checkpointName, view.ops(), { position: message.offset + 1, version: this.projection.version });
  }
}
