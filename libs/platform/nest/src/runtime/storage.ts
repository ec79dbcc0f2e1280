import type { EventStore, ReadModelStore } from '@rapport/platform-eventsourcing';
import { InProcessBus, type MessageBus } from '@rapport/platform-messaging';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';
import { join } from 'node:path';

/**
 * Where each service keeps its events and read models. Every service gets its own stores — services
 * share nothing but topics — and the mode (embedded or distributed) decides which engines back them.
 */
export interface Storage {
  eventStore(service: string): EventStore;
  readModels(service: string): ReadModelStore;
  bus(): MessageBus;
  close(): Promise<void>;
}

/** Embedded mode: one SQLite file per service and a SQLite-backed bus, all under the data folder. */
export class EmbeddedStorage implements Storage {
  private readonly events = new Map<string, SqliteEventStore>();
  private readonly models = new Map<string, SqliteReadModelStore>();
  private messageBus: InProcessBus | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly synchronous: 'FULL' | 'NORMAL' = 'FULL',
  ) {}

  eventStore(service: string): EventStore {
    let store = this.events.get(service);
    if (!store) this.events.set(service, (store = SqliteEventStore.open(this.file(service), { synchronous: this.synchronous })));
    return store;
  }

  readModels(service: string): ReadModelStore {
    let store = this.models.get(service);
    if (!store) this.models.set(service, (store = SqliteReadModelStore.open(this.file(`${service}.read`), { synchronous: this.synchronous })));
    return store;
  }

  bus(): MessageBus {
    return (this.messageBus ??= InProcessBus.open(this.file('bus')));
  }

  async close(): Promise<void> {
    await this.messageBus?.close();
    for (const store of [...this.events.values(), ...this.models.values()]) await store.close();
    this.events.clear();
    this.models.clear();
    this.messageBus = undefined;
  }

  private file(name: string): string {
    return this.dataDir === ':memory:' ? ':memory:' : join(this.dataDir, `${name}.sqlite`);
  }
}
