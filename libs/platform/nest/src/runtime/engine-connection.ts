import { Logger } from '@nestjs/common';
import { EventStoreUnavailableError, sleep } from '@rapport/platform-eventsourcing';

interface Closable {
  close(): Promise<void>;
}

/** A store was asked for before its engine ever answered; the caller may retry later (HTTP answers 503). */
export class EngineUnavailableError extends EventStoreUnavailableError {
  constructor(readonly engine: string) {
    super(`${engine} has not been reachable since start-up; retrying in the background`);
  }
}

export interface EngineConnectionOptions {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

/**
 * Opens a store on a network engine in the background, retrying with exponential backoff until it answers,
 * so the process starts, `/health` answers and `/ready` names the engine while it is away. Once opened, the
 * store's own driver deals with later outages (pools reconnect; processors retry their batches).
 */
export class EngineConnection<T extends Closable> {
  private store: T | undefined;
  private readonly stopping = new AbortController();
  private readonly opened: Promise<T>;
  private readonly logger: Logger;

  constructor(
    readonly engine: string,
    open: () => Promise<T>,
    private readonly options: EngineConnectionOptions = {},
  ) {
    this.logger = new Logger(`engine:${engine}`);
    this.opened = this.openWithRetry(open);
    // Nobody may be waiting yet; a close before the engine answered is not an error.
    this.opened.catch(() => undefined);
  }

  /** True once the engine answered and the store is open. */
  get isOpen(): boolean {
    return this.store !== undefined;
  }

  /** The open store, or an {@link EngineUnavailableError} at once: requests fail fast instead of hanging. */
  current(): T {
    if (!this.store) throw new EngineUnavailableError(this.engine);
    return this.store;
  }

  /** Resolves when the store is open; rejects if the connection is closed first. */
  whenOpen(): Promise<T> {
    return this.opened;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    const store = await this.opened.catch(() => undefined);
    await store?.close();
  }

  private async openWithRetry(open: () => Promise<T>): Promise<T> {
    const max = this.options.maxDelayMs ?? 15_000;
    for (let delay = this.options.initialDelayMs ?? 500; ; delay = Math.min(delay * 2, max)) {
      if (this.stopping.signal.aborted) throw new Error(`${this.engine}: closed before it could be opened`);
      try {
        const store = await open();
        if (this.stopping.signal.aborted) {
          await store.close();
          continue;
        }
        this.store = store;
        return store;
      } catch (error) {
        this.logger.warn(`${this.engine} not reachable, retrying in ${delay} ms (${error instanceof Error ? error.message : String(error)})`);
        await sleep(delay, this.stopping.signal);
      }
    }
  }
}
