import {
  AppendSignal,
  assertDistinctStreams,
  EventIdConflictError,
  EventStoreUnavailableError,
  pollingSubscriptions,
  singleResult,
  type AppendManyOptions,
  type AppendManyResult,
  type AppendOptions,
  type AppendResult,
  type DomainEvent,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Unsubscribe,
} from '@rapport/platform-eventsourcing';
import type { Pool } from 'pg';
import { NotifyListener } from './notify-listener';
import { appendManyInTransaction, appendSql, type AppendSql } from './postgres-append';
import { commandResult, EVENT_COLUMNS, toRecorded, type CommandRow, type EventRow } from './postgres-rows';
import { channelOf, createPool, ensureSchema, inTransaction, quotedSchema, type PostgresEventStoreOptions } from './postgres-schema';

const UNIQUE_VIOLATION = '23505';
/** A concurrent append of the same command id or event id to another stream commits first: look again. */
const RETRIES_ON_UNIQUE_VIOLATION = 2;

/**
 * The event store on PostgreSQL. Same guarantees as the SQLite store (ADR 0002, ADR 0006): appends are
 * atomic transactions; global positions are dense and handed out in commit order because the position
 * counter's row lock is held from assignment to commit, so a later transaction can neither take a lower
 * number nor become visible first; command ids and event ids are stored, so a retried append answers
 * `duplicate: true`, also from another process or after a restart.
 */
export class PostgresEventStore implements EventStore {
  private readonly signal = new AppendSignal();
  private readonly sql: AppendSql;
  private readonly listener: NotifyListener | undefined;
  private readonly subscriptions = new Set<Unsubscribe>();
  private readonly t: string;
  private readonly polling: Pick<EventStore, 'subscribeToAll' | 'subscribeToStream'>;

  /** Opens a pool and creates the schema if needed. */
  static async open(connectionString: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const pool = createPool(connectionString, { max: options.poolSize ?? 10, ...(options.applicationName ? { application_name: options.applicationName } : {}) });
    try {
      await ensureSchema(pool, options.schema ?? 'rapport_es');
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, connectionString, options);
  }

  private constructor(
    readonly pool: Pool,
    connectionString: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    const schema = options.schema ?? 'rapport_es';
    this.t = `${quotedSchema(schema)}.es_events`;
    const notify = options.notify ?? true;
    this.sql = appendSql(schema, options.positionLock ?? 'counter-row', notify);
    this.listener = notify ? new NotifyListener(connectionString, channelOf(schema), this.signal, options.applicationName) : undefined;
    this.polling = pollingSubscriptions(this, this.signal, options.pollIntervalMs ?? 250);
  }

  async append<E extends DomainEvent>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions): Promise<AppendResult> {
    return singleResult(await this.appendMany([{ streamId, events, expectedVersion: options.expectedVersion }], { context: options.context }));
  }

  async appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    assertDistinctStreams(appends.map((a) => a.streamId));
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.appendOnce(appends, options);
        if (!result.duplicate && result.lastPosition > 0) this.signal.notify();
        return result;
      } catch (error) {
        if (isConnectionLoss(error)) throw new EventStoreUnavailableError(`PostgreSQL: ${(error as Error).message}`, error);
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= RETRIES_ON_UNIQUE_VIOLATION) {
          // A concurrent append of the same event id committed first, to another place.
          if (error.constraint?.endsWith('event_id_key')) throw new EventIdConflictError(conflictingId(error) ?? appends[0]!.events[0]!.eventId);
          throw error;
        }
      }
    }
  }

  async readStream<E extends DomainEvent = DomainEvent>(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent<E>[]> {
    const limit = options.maxCount === undefined || options.maxCount < 0 ? null : options.maxCount;
    const { rows } =
      options.direction === 'backwards'
        ? await this.pool.query<EventRow>(
            `SELECT ${EVENT_COLUMNS} FROM ${this.t} WHERE stream_id = $1 AND ($2::bigint IS NULL OR stream_version <= $2) ` +
              'ORDER BY stream_version DESC LIMIT $3',
            [streamId, options.fromVersion ?? null, limit],
          )
        : await this.pool.query<EventRow>(
            `SELECT ${EVENT_COLUMNS} FROM ${this.t} WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3`,
            [streamId, options.fromVersion ?? 1, limit],
          );
    return toRecorded(rows) as RecordedEvent<E>[];
  }

  /**
   * Gap-free by construction: positions become visible in order, so "after n, in order, up to a limit"
   * can never skip a position that commits later.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const prefixes = options.streamPrefixes ?? [];
    const filter = prefixes.map((_, i) => `starts_with(stream_id, $${i + 3})`).join(' OR ');
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.t} WHERE position > $1${filter ? ` AND (${filter})` : ''} ORDER BY position LIMIT $2`,
      [options.after, Math.max(0, options.maxCount), ...prefixes],
    );
    return toRecorded(rows);
  }

  async findCommand(commandId: string): Promise<(AppendResult & { streamId: string }) | undefined> {
    const { rows } = await this.pool.query<CommandRow>(
      `SELECT stream_id, first_position, last_position, stream_version FROM ${quotedSchema(this.schema)}.es_commands WHERE command_id = $1`,
      [commandId],
    );
    return rows[0] && commandResult(rows[0]);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ head: number }>(`SELECT coalesce(max(position), 0) AS head FROM ${this.t}`);
    return rows[0]!.head;
  }

  subscribeToAll(options: SubscribeOptions): Unsubscribe {
    return this.track(this.polling.subscribeToAll(options));
  }

  subscribeToStream(streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe {
    return this.track(this.polling.subscribeToStream(streamId, options));
  }

  /** Stops this store's subscriptions, then its listener and pool. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((unsubscribe) => unsubscribe()));
    await this.listener?.close();
    if (!this.pool.ended) await this.pool.end();
  }

  private get schema(): string {
    return this.options.schema ?? 'rapport_es';
  }

  private track(unsubscribe: Unsubscribe): Unsubscribe {
    this.listener?.start();
    const tracked: Unsubscribe = async () => {
      this.subscriptions.delete(tracked);
      await unsubscribe();
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  private async appendOnce(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    return inTransaction(this.pool, async (client) => {
      const result = await appendManyInTransaction(client, this.sql, appends, options);
      // Nothing to keep for a duplicate or an empty append (the stream row inserts, if any, are undone).
      await client.query(result.duplicate || result.lastPosition === 0 ? 'ROLLBACK' : 'COMMIT');
      return result;
    });
  }
}

interface PgError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
}

const isUniqueViolation = (error: unknown): error is PgError => (error as PgError | undefined)?.code === UNIQUE_VIOLATION;

/**
 * The connection went away or the server is shutting down or refusing connections: class 08 (connection
 * exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), or a socket-level error.
 */
const isConnectionLoss = (error: unknown): boolean => {
  const e = error as PgError & { errno?: unknown };
  if (typeof e?.code === 'string' && (e.code.startsWith('08') || /^57P0[123]$/.test(e.code))) return true;
  if (typeof e?.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code)) return true;
  return /Connection terminated|Client has encountered a connection error|connection timeout/i.test(e?.message ?? '');
};

const conflictingId = (error: PgError): string | undefined => /\(event_id\)=\((.*)\)/.exec(error.detail ?? '')?.[1];
