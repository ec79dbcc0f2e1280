import type { SqliteDatabase } from './open-database';

type Outcome<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly error: unknown };

interface Waiting<W, R> {
  readonly work: W;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
  outcome?: Outcome<R>;
}

/**
 * Group commit for a SQLite file: the pieces of work asked for in one event-loop turn share one `BEGIN IMMEDIATE`
 * transaction, so one fsync (synchronous=FULL) pays for all of them. Each piece runs in its own savepoint: one that
 * throws is rolled back alone and rejects alone; the others are answered only once the shared commit is durable,
 * never before (a caller may rely on its write having reached the disk when its promise resolves).
 *
 * better-sqlite3 is synchronous: a commit blocks the event loop for its fsync. Sharing it is what keeps a
 * process answering under load instead of queueing one disk flush per request.
 */
export class GroupCommit<W, R> {
  private readonly waiting: Waiting<W, R>[] = [];
  private readonly commitGroup: (batch: readonly Waiting<W, R>[]) => void;

  /**
   * @param apply runs one piece of work inside the group's transaction (in a savepoint of its own).
   * @param committed is told, after a durable commit, the results of the pieces that succeeded.
   */
  constructor(
    db: SqliteDatabase,
    apply: (work: W) => R,
    private readonly committed: (results: readonly R[]) => void = () => undefined,
  ) {
    // Called inside the group's transaction, a transaction function runs in a savepoint.
    const one = db.transaction(apply);
    const group = db.transaction((batch: readonly Waiting<W, R>[]) => {
      for (const w of batch) {
        try {
          w.outcome = { ok: true, result: one(w.work) };
        } catch (error) {
          w.outcome = { ok: false, error };
        }
      }
    });
    this.commitGroup = (batch) => group.immediate(batch);
  }

  submit(work: W): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits every waiting piece now (before a reset or close, so what was asked for first lands first). */
  flush(): void {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    try {
      this.commitGroup(batch);
    } catch (error) {
      // BEGIN or COMMIT failed (busy, disk, closed): nothing of the group is durable.
      for (const w of batch) w.reject(error);
      return;
    }
    const results: R[] = [];
    for (const w of batch) {
      const outcome = w.outcome!;
      if (outcome.ok) {
        results.push(outcome.result);
        w.resolve(outcome.result);
      } else {
        w.reject(outcome.error);
      }
    }
    if (results.length > 0) this.committed(results);
  }
}
