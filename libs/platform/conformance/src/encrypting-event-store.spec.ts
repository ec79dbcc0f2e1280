import { eventStoreConformance } from '@rapport/platform-testing';
import { PersonalDataRegistry } from '@rapport/platform-eventsourcing';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptingEventStore, KeyVault, MemoryKeyRepository } from '@rapport/platform-audit';

// A5: the decorator is an event store like any other: the whole port contract holds through it, with the
// conformance suite's own payload (`text`) declared personal so every event is sealed and opened.
const registry = new PersonalDataRegistry();
registry.declare({ 'test.something-happened.v1': [{ subject: 'text', fields: ['text'] }] });

eventStoreConformance('SQLite behind EncryptingEventStore (A5)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-enc-'));
  const path = join(dir, 'events.sqlite');
  const vault = new KeyVault(new MemoryKeyRepository(), randomBytes(32));
  const wrap = (store: SqliteEventStore) => new EncryptingEventStore(store, vault, registry);
  let current: EventStoreLike | undefined;
  type EventStoreLike = EncryptingEventStore;
  return {
    open: async () => (current = wrap(SqliteEventStore.open(path, { pollIntervalMs: 20 }))),
    reopen: async () => {
      await current?.close();
      return (current = wrap(SqliteEventStore.open(path, { pollIntervalMs: 20 })));
    },
    openConcurrent: async () => wrap(SqliteEventStore.open(path, { pollIntervalMs: 20 })),
    openWithoutPolling: async () => wrap(SqliteEventStore.open(path, { pollIntervalMs: 600_000 })),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
