import type { RecordedEvent } from './envelope';
import type { EventStore, Unsubscribe } from './event-store';
import { errorMessage, errorStack, platformLogger, type PlatformLogger } from './logger';
import type { ProjectionCheckpoint, ReadModelStore, WriteOp } from './read-model';
import { sleep } from './subscription';


/** From this attempt on, a batch that keeps failing is logged as an error rather than a warning. */
const PERSISTENT_FAILURE_ATTEMPTS = 8;
/** How far a processor is behind its event store, as numbers an operator can read. */
export interface ProcessorLag {
  /** The global position of the last event handled and checkpointed (0 before the first). */
  readonly position: number;
  /** The store's head when measured. */
  readonly head: number;
  /** head − position; 0 when nothing this processor would receive is left (see `streamPrefixes`). */
  readonly eventsBehind: number;
  /** Age of the oldest event not yet processed, from its recorded time; 0 when caught up. */
  readonly secondsBehind: number;
  readonly caughtUp: boolean;
}

/**
 * Handles one batch (in global order, already filtered; never empty). Returns the read-model writes to
 * commit together with the checkpoint: a projector's documents, nothing for a reactor.
 * Delivery is at-least-once: after a crash between handling and checkpoint the batch comes again,
 * so handlers must be idempotent.
 */
export type BatchHandler = (events: readonly RecordedEvent[]) => Promise<readonly WriteOp[]>;

export interface ProcessorOptions {
  /** Unique per checkpoint store: the checkpoint is kept under it. */
  readonly name: string;
  /** Stored with the checkpoint; a projector rebuilds when it differs (see `prepare`). Default 1. */
  readonly version?: number;
  /** Only these event types reach the handler (the checkpoint still moves past the others). */
  readonly eventTypes?: readonly string[];
  /** Only events of streams whose id starts with one of these; filtered by the store's adapter. */
  readonly streamPrefixes?: readonly string[];
  readonly batchSize?: number;
  readonly handle: BatchHandler;
  /**
   * Runs before the first batch with the stored checkpoint and returns the position to start after;
   * a projector checks its version here. Default: the stored position, or 0.
   */
  readonly prepare?: (stored: ProjectionCheckpoint | undefined) => Promise<number>;
  readonly logger?: PlatformLogger;
  /** Backoff between retries of a failing batch while following live: doubles from `initialDelayMs` up to `maxDelayMs`. */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** The clock for `secondsBehind`. */
  readonly now?: () => Date;
}

/**
 * The one checkpointed event processor: it reads its checkpoint, catches up and then follows live appends
 * through `EventStore.subscribeToAll`, hands filtered batches to its handler, and commits the handler's
 * writes with the new checkpoint in one `ReadModelStore.commit`. Projectors (`projector`) and reactors
 * (`reactor`) are its two uses; nothing else in the product reads a checkpoint or subscribes to the store.
 *
 * Guarantee: at-least-once. The checkpoint is committed only after the handler resolved, so a crash
 * replays at most the batch in flight. A failing batch is retried (with backoff, logged) until it succeeds
 * or the processor is stopped; it is never skipped.
 */
export class Processor {
  private unsubscribe: Unsubscribe | undefined;
  private stopping = new AbortController();
  private position = 0;
  private prepared = false;
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();
  private readonly types: ReadonlySet<string> | undefined;
  private readonly logger: PlatformLogger;

  constructor(
    private readonly events: EventStore,
    private readonly checkpoints: ReadModelStore,
    private readonly options: ProcessorOptions,
  ) {
    this.types = options.eventTypes && new Set(options.eventTypes);
    this.logger = options.logger ?? platformLogger(`processor:${options.name}`);
  }

  get name(): string {
    return this.options.name;
  }

  /** The global position handled and checkpointed so far. */
  get checkpoint(): number {
    return this.position;
  }

  get running(): boolean {
    return this.unsubscribe !== undefined;
  }

  /** Catches up from the stored checkpoint, then follows live appends until `stop()`. */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    await this.ensurePrepared();
    this.stopping = new AbortController();
    this.unsubscribe = this.events.subscribeToAll({
      after: this.position,
      batchSize: this.batchSize,
      ...(this.options.streamPrefixes ? { streamPrefixes: this.options.streamPrefixes } : {}),
      onEvents: (batch) => this.followLive(batch),
      onError: (error) => this.logger.error(`${this.name}: reading the event store failed; retrying (${errorMessage(error)})`, errorStack(error)),
    });
  }

  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    this.stopping.abort();
    await unsubscribe?.();
  }

  /**
   * Processes everything up to the current head without subscribing (rebuilds, tools, benchmarks).
   * A failing batch rejects here instead of being retried. Not meant to run beside `start()`.
   */
  async catchUp(): Promise<void> {
    await this.ensurePrepared();
    for (;;) {
      const batch = await this.events.readAll({ after: this.position, maxCount: this.batchSize, ...this.prefixes() });
      if (batch.length === 0) return;
      await this.process(batch);
    }
  }

  /**
   * Starts over from position 0 after `reset` (which drops what was built from the old checkpoint);
   * resolves once caught up, then follows live again if it did before.
   */
  async replay(reset: () => Promise<void>): Promise<void> {
    const wasRunning = this.running;
    await this.stop();
    await reset();
    this.prepared = false;
    this.position = 0;
    await this.catchUp();
    if (wasRunning) await this.start();
  }

  async lag(): Promise<ProcessorLag> {
    const position = this.position;
    const head = await this.events.headPosition();
    if (position >= head) return { position, head, eventsBehind: 0, secondsBehind: 0, caughtUp: true };
    // With a prefix filter the head may be another stream's event this processor never receives.
    const [oldest] = await this.events.readAll({ after: position, maxCount: 1, ...this.prefixes() });
    if (!oldest) return { position, head, eventsBehind: 0, secondsBehind: 0, caughtUp: true };
    const age = ((this.options.now?.() ?? new Date()).getTime() - Date.parse(oldest.metadata.recordedAt)) / 1000;
    return { position, head, eventsBehind: head - position, secondsBehind: Math.max(0, Math.round(age * 1000) / 1000), caughtUp: false };
  }

  async isCaughtUp(): Promise<boolean> {
    return (await this.lag()).caughtUp;
  }

  /**
   * Resolves true once this processor has handled `position` (read-your-writes after a command), false at
   * the timeout. With a stream-prefix filter, wait only for positions of streams it receives.
   */
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

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  private prefixes(): { streamPrefixes?: readonly string[] } {
    return this.options.streamPrefixes ? { streamPrefixes: this.options.streamPrefixes } : {};
  }

  private async ensurePrepared(): Promise<void> {
    if (this.prepared) return;
    const stored = await this.checkpoints.checkpoint(this.name);
    this.position = this.options.prepare ? await this.options.prepare(stored) : (stored?.position ?? 0);
    this.prepared = true;
  }

  /** Live delivery: retries the same batch with backoff until it succeeds or the processor stops. */
  private async followLive(batch: readonly RecordedEvent[]): Promise<void> {
    const { initialDelayMs = 200, maxDelayMs = 30_000 } = this.options.retry ?? {};
    const stopping = this.stopping.signal;
    for (let attempt = 1, delay = initialDelayMs; ; attempt++, delay = Math.min(delay * 2, maxDelayMs)) {
      try {
        return await this.process(batch);
      } catch (error) {
        if (stopping.aborted) throw error;
        const first = batch[0]!.metadata.globalPosition;
        // A few failures in a row are the ordinary weather of a broker or database restarting: a warning.
        // One that persists is an error, with its stack.
        const message = `${this.name}: batch after position ${first - 1} failed (attempt ${attempt}); retrying in ${delay} ms (${errorMessage(error)})`;
        if (attempt < PERSISTENT_FAILURE_ATTEMPTS) this.logger.warn(message);
        else this.logger.error(message, errorStack(error));
        await sleep(delay, stopping);
        // Stopped during the backoff: leave the batch unacknowledged for the next start.
        if (stopping.aborted) throw error;
      }
    }
  }

  private async process(batch: readonly RecordedEvent[]): Promise<void> {
    const types = this.types;
    const wanted = types ? batch.filter((e) => types.has(e.type)) : batch;
    const ops = wanted.length > 0 ? await this.options.handle(wanted) : [];
    const last = batch[batch.length - 1]!.metadata.globalPosition;
    await this.checkpoints.commit(this.name, ops, { position: last, version: this.options.version ?? 1 });
    this.position = last;
    for (const waiter of this.waiters) if (waiter.position <= last) waiter.resolve();
  }
}
