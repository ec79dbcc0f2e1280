import { eventStoreConformance } from '@rapport/platform-testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@rapport/platform-sqlite';

eventStoreConformance('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-es-'));
  const path = join(dir, 'events.sqlite');
  let current: SqliteEventStore | undefined;
  return {
    open: async () => (current = SqliteEventStore.open(path, { pollIntervalMs: 20 })),
    reopen: async () => {
      await current?.close();
      return (current = SqliteEventStore.open(path, { pollIntervalMs: 20 }));
    },
    // A second connection to the same file stands for a second process.
    openConcurrent: async () => SqliteEventStore.open(path, { pollIntervalMs: 20 }),
    // Appends in this process wake every store of the file; polling is what covers other processes.
    openWithoutPolling: async () => SqliteEventStore.open(path, { pollIntervalMs: 600_000 }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
