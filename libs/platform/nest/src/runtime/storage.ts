import { EncryptingEventStore, KeyVault, MemoryKeyRepository, PostgresKeyRepository, SqliteKeyRepository, zeroFreedPages, type SubjectErasure } from '@rapport/platform-audit';
import type { EventStore, ReadModelStore } from '@rapport/platform-eventsourcing';
import { KafkaBus, kafkaBusConfigFromEnv } from '@rapport/platform-kafka';
import { KurrentDbEventStore } from '@rapport/platform-kurrentdb';
import { InProcessBus, type MessageBus } from '@rapport/platform-messaging';
import { MongoReadModelStore } from '@rapport/platform-mongodb';
import { MeasuredEventStore } from '@rapport/platform-observability';
import { createPool, PostgresEventStore } from '@rapport/platform-postgres';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';
import { join } from 'node:path';
import type { RapportEnvironment } from './config';
import { masterKeyOf } from './secrets';
import { DeferredEventStore, DeferredReadModelStore } from './deferred-stores';
import { EngineConnection } from './engine-connection';
import type { ReadinessCheck } from './readiness';

/**
 * Where each service keeps its events and read models, and the bus between services. Every service gets
 * stores of its own — services share nothing but topics — and the environment picks the engines:
 * embedded (SQLite files and the SQLite-backed bus under DATA_DIR) or distributed (PostgreSQL or KurrentDB,
 * MongoDB, Kafka), one codebase either way.
 */
export interface Storage {
  eventStore(service: string): Promise<EventStore>;
  readModels(service: string): Promise<ReadModelStore>;
  bus(): Promise<MessageBus>;
  /** A5: the key store's erasure, shared by every service of the process (ADR 0009). */
  erasure(): Promise<SubjectErasure>;
  close(): Promise<void>;
  /** One readiness check per network engine (`engine:postgres`, ...): false while it has not answered. */
  engineChecks?(): readonly ReadinessCheck[];
}

interface Closable {
  close(): Promise<void>;
}

/** Opens each store once, on first use, and closes them all at shutdown. */
export class ConfiguredStorage implements Storage {
  private readonly opened = new Map<string, Promise<Closable>>();
  private readonly connections: EngineConnection<Closable>[] = [];

  constructor(
    private readonly env: RapportEnvironment,
    private readonly clientId = 'rapport',
  ) {}

  /**
   * Every service's events go through the platform's field encryption (A5): no service writes personal data any
   * other way. Appends are timed per service and engine, and name the service of the commands handled on them (metrics).
   */
  eventStore(service: string): Promise<EventStore> {
    return this.once<EventStore>(
      `events:${service}`,
      async () => new MeasuredEventStore(new EncryptingEventStore(await this.adapter(service), await this.vault()), { service, store: this.env.eventStoreEngine }),
    );
  }

  erasure(): Promise<SubjectErasure> {
    return this.vault();
  }

  /**
   * The key store, apart from the events: its own SQLite file in embedded mode, its own PostgreSQL schema
   * (`<ns>_keys`) when PostgreSQL is configured (ADR 0009).
   */
  private vault(): Promise<KeyVault> {
    return this.once<KeyVault>('vault', async () => {
      const master = masterKeyOf(this.env);
      if (this.env.POSTGRES_URL && this.env.eventStoreEngine !== 'sqlite') {
        return new KeyVault(new PostgresKeyRepository(createPool(this.env.POSTGRES_URL, { max: 2 }), `${this.env.RAPPORT_NAMESPACE}_keys`, { ownsPool: true }), master);
      }
      return new KeyVault(this.env.DATA_DIR === ':memory:' ? new MemoryKeyRepository() : SqliteKeyRepository.open(this.file('keys')), master);
    });
  }

  private adapter(service: string): Promise<EventStore> {
    switch (this.env.eventStoreEngine) {
      case 'sqlite':
        return Promise.resolve(SqliteEventStore.open(this.file(service), { synchronous: this.env.SQLITE_SYNCHRONOUS }));
      case 'postgres':
        return this.retried<EventStore>('postgres', (c) => new DeferredEventStore(c), () => PostgresEventStore.open(this.env.POSTGRES_URL!, { schema: this.namespaced(service) }));
      case 'kurrentdb':
        return Promise.resolve(KurrentDbEventStore.open(this.env.KURRENTDB_URL!, { namespace: this.namespaced(service) }));
      default: {
        const _exhaustive: never = this.env.eventStoreEngine;
        return _exhaustive;
      }
    }
  }

  readModels(service: string): Promise<ReadModelStore> {
    return this.once<ReadModelStore>(`read-models:${service}`, () => {
      switch (this.env.readModelEngine) {
        case 'sqlite':
          // A5: freed pages are zeroed, so a field dropped on erasure leaves no copy in the file.
          return Promise.resolve(zeroFreedPages(SqliteReadModelStore.open(this.file(`${service}.read`), { synchronous: this.env.SQLITE_SYNCHRONOUS })));
        case 'mongodb':
          return this.retried<ReadModelStore>('mongodb', (c) => new DeferredReadModelStore(c), () => MongoReadModelStore.open(this.env.MONGODB_URL!, { dbName: this.namespaced(service) }));
        default: {
          const _exhaustive: never = this.env.readModelEngine;
          return _exhaustive;
        }
      }
    });
  }

  bus(): Promise<MessageBus> {
    return this.once<MessageBus>('bus', () => {
      switch (this.env.busEngine) {
        case 'in-process':
          return Promise.resolve(InProcessBus.open(this.file('bus')));
        case 'kafka':
          return Promise.resolve(new KafkaBus(kafkaBusConfigFromEnv(process.env, this.clientId)));
        default: {
          const _exhaustive: never = this.env.busEngine;
          return _exhaustive;
        }
      }
    });
  }

  engineChecks(): readonly ReadinessCheck[] {
    const opened = (engine: string) => async () => this.connections.filter((c) => c.engine === engine).every((c) => c.isOpen);
    return [
      ...(this.env.eventStoreEngine === 'postgres' ? [{ name: 'engine:postgres', isCaughtUp: opened('postgres') }] : []),
      ...(this.env.readModelEngine === 'mongodb' ? [{ name: 'engine:mongodb', isCaughtUp: opened('mongodb') }] : []),
      ...(this.env.busEngine === 'kafka' ? [{ name: 'engine:kafka', isCaughtUp: async () => ((await this.bus()) as KafkaBus).reachable() }] : []),
    ];
  }

  async close(): Promise<void> {
    const all = [...this.opened.entries()];
    this.opened.clear();
    // The bus first: its consumers may still write to read models while they stop. The key store last.
    const rank = (key: string): number => (key === 'bus' ? 0 : key === 'vault' ? 2 : 1);
    all.sort(([a], [b]) => rank(a) - rank(b));
    for (const [, store] of all) await (await store).close();
  }

  /** Opens once; a failed open is forgotten, so the next call tries again and close() never meets it. */
  private once<T extends Closable>(key: string, open: () => Promise<T>): Promise<T> {
    let store = this.opened.get(key);
    if (!store) {
      store = open();
      this.opened.set(key, store);
      store.catch(() => this.opened.delete(key));
    }
    return store as Promise<T>;
  }

  /**
   * A network engine is opened in the background with backoff (EngineConnection): the process starts and
   * answers `/health` while the engine is away, and `/ready` names it until it answers.
   */
  private retried<T extends Closable>(engine: string, wrap: (connection: EngineConnection<T>) => T, open: () => Promise<T>): Promise<T> {
    const connection = new EngineConnection(engine, open);
    this.connections.push(connection);
    return Promise.resolve(wrap(connection));
  }

  private namespaced(service: string): string {
    return `${this.env.RAPPORT_NAMESPACE}_${service.replace(/-/g, '_')}`;
  }

  private file(name: string): string {
    return this.env.DATA_DIR === ':memory:' ? ':memory:' : join(this.env.DATA_DIR, `${name}.sqlite`);
  }
}
