import type { RecordedEvent } from './envelope';
import type { EventStore, Unsubscribe } from './event-store';
import type { CollectionSpec, Document, ReadModelStore, WriteOp } from './read-model';

/** What a projection handler sees: reads that include its own pending writes of the current batch. */
export interface ProjectionView {
  get<T extends Document>(collection: string, id: string): Promise<T | undefined>;
  put<T extends Document>(collection: string, doc: T): void;
  delete(collection: string, id: string): void;
}

export interface Projection {
  /** Unique per read-model store; the checkpoint is kept under it. */
  readonly name: string;
  /** Bump when the handler's output changes: a stored checkpoint of another version triggers a rebuild. */
  readonly version: number;
  readonly collections: readonly CollectionSpec[];
  apply(event: RecordedEvent, view: ProjectionView): Promise<void> | void;
}

/** A batch's pending writes; later writes to the same document replace earlier ones. */
export class PendingWrites implements ProjectionView {
  private readonly pending = new Map<string, WriteOp>();

  constructor(private readonly store: ReadModelStore) {}

  async get<T extends Document>(collection: string, id: string): Promise<T | undefined> {
    const op = this.pending.get(`${collection}\u0000${id}`);
    if (op) return op.kind === 'put' ? (op.doc as T) : undefined;
    return this.store.get<T>(collection, id);
  }

  put<T extends Document>(collection: string, doc: T): void {
    this.pending.set(`${collection}\u0000${doc.id}`, { kind: 'put', collection, doc });
  }

  delete(collection: string, id: string): void {
    this.pending.set(`${collection}\u0000${id}`, { kind: 'delete', collection, id });
  }

  ops(): WriteOp[] {
    return [...this.pending.values()];
  }
}

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Feeds one projection from the event store: from its checkpoint, in global order, in batches; each
 * batch's writes and the checkpoint are committed together, so a crash replays at most the batch in flight
 * and the read model never runs ahead of or behind its checkpoint.
 */
export class ProjectionRunner {
  private unsubscribe: Unsubscribe | undefined;
  private position = 0;
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();
  private readonly batchSize: number;

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModelStore,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
  }

  get name(): string {
    return this.projection.name;
  }

  /** The global position the read model reflects. */
  get checkpoint(): number {
    return this.position;
  }

  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.position = await this.prepare();
    this.unsubscribe = this.events.subscribeToAll({
      after: this.position,
      batchSize: this.batchSize,
      onEvents: (events) => this.applyBatch(events),
      onError: this.options.onError ?? ((error) => console.error(`projection ${this.name} failed`, error)),
    });
  }

  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.();
  }

  /**
   * Drops the read model and replays every event from position 0; resolves when it has caught up, then
   * follows live appends again if it did before. Queries see a partial read model meanwhile.
   */
  async rebuild(): Promise<void> {
    const wasRunning = this.unsubscribe !== undefined;
    await this.stop();
    await this.readModels.reset(this.name, this.projection.collections);
    this.position = 0;
    await this.catchUp();
    if (wasRunning) await this.start();
  }

  /** Applies everything up to the current head without subscribing (rebuild jobs, tools, benchmarks). */
  async catchUp(): Promise<void> {
    if (this.position === 0) this.position = await this.prepare();
    for (;;) {
      const events = await this.events.readAll({ after: this.position, maxCount: this.batchSize });
      if (events.length === 0) return;
      await this.applyBatch(events);
    }
  }

  async isCaughtUp(): Promise<boolean> {
    return this.position >= (await this.events.headPosition());
  }

  /** Resolves once the read model reflects `position` (read-your-writes after a command), or at the timeout. */
  waitFor(position: number, timeoutMs = 2_000): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private async prepare(): Promise<number> {
    await this.readModels.ensureCollections(this.projection.collections);
    const stored = await this.readModels.checkpoint(this.name);
    if (stored && stored.version !== this.projection.version) {
      await this.readModels.reset(this.name, this.projection.collections);
      return 0;
    }
    return stored?.position ?? 0;
  }

  private async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    const view = new PendingWrites(this.readModels);
    for (const event of events) await this.projection.apply(event, view);
    const last = events[events.length - 1]!.metadata.globalPosition;
    await this.readModels.commit(this.name, view.ops(), { position: last, version: this.projection.version });
    this.position = last;
    for (const waiter of this.waiters) if (waiter.position <= last) waiter.resolve();
  }
}
