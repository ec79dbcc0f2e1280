import type { ReadModelStore } from '@rapport/platform-eventsourcing';
import { SqliteReadModelStore } from '@rapport/platform-sqlite';

/**
 * A5: after a read model dropped a customer's personal fields, the old row versions must not linger in the
 * engine's files. SQLite keeps them in the write-ahead log until a checkpoint rewrites it, so the log is
 * checkpointed and truncated (the read models are opened with `secure_delete`, so freed pages are zeroed).
 * Other engines: see ADR 0009 (MongoDB's journal and compaction are the operator's).
 * @returns whether the engine's overwritten versions are gone (false: a reader held the log; try again).
 */
export function forgetOverwrittenVersions(store: ReadModelStore): boolean {
  if (!(store instanceof SqliteReadModelStore)) return true;
  const [result] = store.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}

/** Zero freed pages from now on, so a dropped field does not survive in the free list. */
export function zeroFreedPages(store: ReadModelStore): ReadModelStore {
  if (store instanceof SqliteReadModelStore) store.db.pragma('secure_delete = ON');
  return store;
}
