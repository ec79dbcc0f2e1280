import type { Unsubscribe } from './event-store';

/**
 * Wakes subscription loops when this process appends, so live delivery needs no busy polling.
 * Appends from other processes are still seen by the poll interval.
 */
export class AppendSignal {
  private waiters: Array<() => void> = [];
  private scheduled = false;

  /**
   * Wakes the waiters on the next turn of the event loop, once for all the appends of this turn: a burst
   * of small appends (an import) then gives subscribers one larger batch instead of a wake-up each.
   */
  notify(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }

  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.push(done);
    });
  }
}

/** Sleeps, but wakes at once when the signal aborts, so a long backoff never holds up a shutdown. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface PollingLoopOptions<T> {
  /** Reads the next batch strictly after `cursor`. */
  readonly read: (cursor: number) => Promise<T[]>;
  /** The cursor value an item advances to (global position, stream version, topic offset). */
  readonly cursorOf: (item: T) => number;
  readonly after: number;
  readonly onEvents: (items: readonly T[]) => Promise<void>;
  readonly onError?: (error: unknown) => void;
  readonly signal: AppendSignal;
  readonly pollIntervalMs?: number;
  readonly retryDelayMs?: number;
}

/**
 * Catch-up and live are one loop: it always reads "after the last delivered cursor" from the store,
 * and merely sleeps when there is nothing new. So there is no hand-over to get wrong: no event can be
 * lost or delivered twice between catching up and following. A handler failure retries the same batch
 * (at-least-once); the cursor only moves after the handler resolved.
 */
export function startPollingLoop<T>(options: PollingLoopOptions<T>): Unsubscribe {
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const retryDelayMs = options.retryDelayMs ?? 500;
  let cursor = options.after;
  let stopped = false;
  const stopping = new AbortController();

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const events = await options.read(cursor);
        if (stopped) return;
        if (events.length === 0) {
          await options.signal.wait(pollIntervalMs);
          continue;
        }
        await options.onEvents(events);
        cursor = options.cursorOf(events[events.length - 1]!);
        // Synchronous engines (better-sqlite3) resolve reads and writes without a turn of the event loop:
        // catching up over many batches would hold it until done, so requests get a turn between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } catch (error) {
        if (stopped) return;
        options.onError?.(error);
        // A plain backoff: an append elsewhere must not cut a retry short.
        await sleep(retryDelayMs, stopping.signal);
      }
    }
  };
  const running = loop();

  return async () => {
    stopped = true;
    stopping.abort();
    options.signal.notify();
    await running;
  };
}
