import { SqliteEventStore } from '@rapport/platform-sqlite';
import { processorConformance } from '@rapport/platform-testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

processorConformance('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-processor-'));
  const path = join(dir, 'events.sqlite');
  let current: SqliteEventStore | undefined;
  return {
    open: async () => (current = SqliteEventStore.open(path, { pollIntervalMs: 20 })),
    reopen: async () => {
      await current?.close();
      return (current = SqliteEventStore.open(path, { pollIntervalMs: 20 }));
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
