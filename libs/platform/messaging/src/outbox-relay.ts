import type { EventStore, ReadModelStore, RecordedEvent, Unsubscribe } from '@rapport/platform-eventsourcing';
import type { MessageBus, OutgoingMessage } from './message-bus';

export interface OutboxRelayOptions {
  /** Unique per service; the checkpoint is stored as `relay:<name>`. */
  readonly name: string;
  /** Internal event → integration messages. Internal events are never published as they are. */
  readonly map: (event: RecordedEvent) => readonly OutgoingMessage[];
  readonly batchSize?: number;
}

/**
 * The event stream is the outbox: the relay reads the service's own store from its checkpoint, publishes
 * the mapped integration events, and advances the checkpoint only after the bus acknowledged them.
 * A crash between the two re-publishes the batch (at-least-once); the CloudEvent id is the event id, so
 * consumers drop the copies.
 */
export class OutboxRelay {
  private unsubscribe: Unsubscribe | undefined;
  private position = 0;

  constructor(
    private readonly events: EventStore,
    private readonly checkpoints: ReadModelStore,
    private readonly bus: MessageBus,
    private readonly options: OutboxRelayOptions,
  ) {}

  private get checkpointName(): string {
    return `relay:${this.options.name}`;
  }

  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.position = (await this.checkpoints.checkpoint(this.checkpointName))?.position ?? 0;
    this.unsubscribe = this.events.subscribeToAll({
      after: this.position,
      batchSize: this.options.batchSize ?? 500,
      onEvents: async (events) => {
        await this.bus.publish(events.flatMap(this.options.map));
        const last = events[events.length - 1]!.metadata.globalPosition;
        await this.checkpoints.commit(this.checkpointName, [], { position: last, version: 1 });
        this.position = last;
      },
      onError: (error) => console.error(`relay ${this.options.name} failed; retrying`, error),
    });
  }

  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.();
  }

  async isCaughtUp(): Promise<boolean> {
    return this.position >= (await this.events.headPosition());
  }
}
