import type { RecordedEvent } from './envelope';
import type { EventStore } from './event-store';
import type { PlatformLogger } from './logger';
import { Processor, type ProcessorLag } from './processor';
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

export interface ProjectorOptions {
  readonly batchSize?: number;
  readonly logger?: PlatformLogger;
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  readonly now?: () => Date;
}

/**
 * A projector is the processor used to build a read model: each batch's writes and the checkpoint are
 * committed together, so a crash replays at most the batch in flight and the read model never runs ahead
 * of or behind its checkpoint. A stored checkpoint of another projection version drops the read model and
 * starts from 0.
 */
export function projector(events: EventStore, readModels: ReadModelStore, projection: Projection, options: ProjectorOptions = {}): Processor {
  return new Processor(events, readModels, {
    ...options,
    name: projection.name,
    version: projection.version,
    prepare: async (stored) => {
      await readModels.ensureCollections(projection.collections);
      if (stored && stored.version !== projection.version) {
        await readModels.reset(projection.name, projection.collections);
        return 0;
      }
      return stored?.position ?? 0;
    },
    handle: async (batch) => {
      const view = new PendingWrites(readModels);
      for (const event of batch) await projection.apply(event, view);
      return view.ops();
    },
  });
}

export type ProjectionRunnerOptions = ProjectorOptions;

/** One projection fed from the event store by a projector; what the service host and `/admin/projections` hold. */
export class ProjectionRunner {
  private readonly processor: Processor;

  constructor(
    events: EventStore,
    private readonly readModels: ReadModelStore,
    readonly projection: Projection,
    options: ProjectionRunnerOptions = {},
  ) {
    this.processor = projector(events, readModels, projection, options);
  }

  get name(): string {
    return this.projection.name;
  }

  /** The global position the read model reflects. */
  get checkpoint(): number {
    return this.processor.checkpoint;
  }

  start(): Promise<void> {
    return this.processor.start();
  }

  stop(): Promise<void> {
    return this.processor.stop();
  }

  /**
   * Drops the read model and replays every event from position 0; resolves when it has caught up, then
   * follows live appends again if it did before. Queries see a partial read model meanwhile.
   */
  rebuild(): Promise<void> {
    return this.processor.replay(() => this.readModels.reset(this.name, this.projection.collections));
  }

  /** Applies everything up to the current head without subscribing (rebuild jobs, tools, benchmarks). */
  catchUp(): Promise<void> {
    return this.processor.catchUp();
  }

  isCaughtUp(): Promise<boolean> {
    return this.processor.isCaughtUp();
  }

  lag(): Promise<ProcessorLag> {
    return this.processor.lag();
  }

  /** Resolves once the read model reflects `position` (read-your-writes after a command), or at the timeout. */
  waitFor(position: number, timeoutMs = 2_000): Promise<boolean> {
    return this.processor.waitFor(position, timeoutMs);
  }
}
