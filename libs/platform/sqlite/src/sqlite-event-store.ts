import {
  AppendSignal,
  assertDistinctStreams,
  assertExpectedVersion,
  duplicateByEventIds,
  pollingSubscriptions,
  recordedEvent,
  singleResult,
  summarise,
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
  type StoredContext,
  type StoredEventRef,
  type StreamAppend,
  type SubscribeOptions,
  type Unsubscribe,
} from '@rapport/platform-eventsourcing';
import { openSqlite, StatementCache, type OpenSqliteOptions, type SqliteDatabase } from './open-database';
import { GroupCommit } from './group-commit';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS es_events (
  position       INTEGER PRIMARY KEY,   -- global order: rowid = max + 1 under SQLite's single writer, so gap-free
  event_id       TEXT    NOT NULL UNIQUE,
  stream_id      TEXT    NOT NULL,
  stream_version INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  UNIQUE (stream_id, stream_version)
);
CREATE TABLE IF NOT EXISTS es_streams (
  stream_id TEXT PRIMARY KEY,
  version   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS es_commands (
  command_id     TEXT PRIMARY KEY,
  stream_id      TEXT    NOT NULL,
  first_position INTEGER NOT NULL,
  last_position  INTEGER NOT NULL,
  stream_version INTEGER NOT NULL
) WITHOUT ROWID;
`;

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
}

interface CommandRow {
  stream_id: string;
  first_position: number;
  last_position: number;
  stream_version: number;
}

/** Signals are shared per database file, so every store instance in this process wakes on any append. */
const signals = new Map<string, AppendSignal>();
const signalFor = (path: string): AppendSignal => {
  let signal = signals.get(path);
  if (!signal) signals.set(path, (signal = new AppendSignal()));
  return signal;
};

export interface SqliteEventStoreOptions extends OpenSqliteOptions {
  /** How often a live subscription looks for appends made by other processes. */
  readonly pollIntervalMs?: number;
}

/**
 * The embedded event store. Appends run in `BEGIN IMMEDIATE` transactions, so SQLite's single writer
 * serialises them and positions are assigned in commit order: a reader can never see position n+1
 * before n is committed.
 *
 * Group commit: the appends asked for in one event-loop turn share one transaction, so one fsync (FULL
 * synchronous) pays for all of them. Each runs in its own savepoint and checks its own expected versions
 * and ids: one that fails is rolled back alone (its rows give their positions back, so positions stay
 * dense) and rejects alone; the others are answered only once the shared commit is durable.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: StatementCache;
  private readonly signal: AppendSignal;
  private readonly subscriptions: Pick<EventStore, 'subscribeToAll' | 'subscribeToStream'>;
  private readonly group: GroupCommit<{ readonly appends: readonly StreamAppend[]; readonly options: AppendManyOptions }, AppendManyResult>;

  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    return new SqliteEventStore(openSqlite(path, options), options);
  }

  constructor(
    readonly db: SqliteDatabase,
    options: SqliteEventStoreOptions = {},
  ) {
    db.exec(SCHEMA);
    this.statements = new StatementCache(db);
    this.signal = signalFor(db.name);
    this.subscriptions = pollingSubscriptions(this, this.signal, options.pollIntervalMs ?? 250);
    this.group = new GroupCommit(
      db,
      ({ appends, options: o }) => this.appendInTransaction(appends, o),
      (results) => {
        if (results.some((r) => !r.duplicate && r.lastPosition > 0)) this.signal.notify();
      },
    );
  }

  async append<E extends DomainEvent>(
    streamId: string,
    events: readonly NewEvent<E>[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    return singleResult(await this.appendMany([{ streamId, events, expectedVersion: options.expectedVersion }], { context: options.context }));
  }

  appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    assertDistinctStreams(appends.map((a) => a.streamId));
    return this.group.submit({ appends, options });
  }

  async readStream<E extends DomainEvent = DomainEvent>(
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent<E>[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements
            .get('SELECT * FROM es_events WHERE stream_id = ? AND stream_version <= ? ORDER BY stream_version DESC LIMIT ?')
            .all(streamId, options.fromVersion ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements
            .get('SELECT * FROM es_events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?')
            .all(streamId, options.fromVersion ?? 1, limit);
    return toRecorded(rows as EventRow[]) as RecordedEvent<E>[];
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const prefixes = options.streamPrefixes ?? [];
    const filter = prefixes.map(() => '(stream_id >= ? AND stream_id < ?)').join(' OR ');
    const sql = `SELECT * FROM es_events WHERE position > ?${filter ? ` AND (${filter})` : ''} ORDER BY position LIMIT ?`;
    const bounds = prefixes.flatMap((prefix) => [prefix, prefixUpperBound(prefix)]);
    return toRecorded(this.statements.get(sql).all(options.after, ...bounds, options.maxCount) as EventRow[]);
  }

  async findCommand(commandId: string): Promise<(AppendResult & { streamId: string }) | undefined> {
    const row = this.statements.get('SELECT * FROM es_commands WHERE command_id = ?').get(commandId) as CommandRow | undefined;
    return row && commandResult(row);
  }

  async headPosition(): Promise<number> {
    const row = this.statements.get('SELECT MAX(position) AS head FROM es_events').get() as { head: number | null };
    return row.head ?? 0;
  }

  subscribeToAll(options: SubscribeOptions): Unsubscribe {
    return this.subscriptions.subscribeToAll(options);
  }

  subscribeToStream(streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe {
    return this.subscriptions.subscribeToStream(streamId, options);
  }

  async close(): Promise<void> {
    this.group.flush();
    if (this.db.open) this.db.close();
  }

  private appendInTransaction(appends: readonly StreamAppend[], options: AppendManyOptions): AppendManyResult {
    const commandId = options.context.commandId;
    if (commandId !== undefined) {
      const earlier = this.statements.get('SELECT * FROM es_commands WHERE command_id = ?').get(commandId) as CommandRow | undefined;
      if (earlier) return this.duplicateOfCommand(earlier);
    }
    const byId = this.statements.get('SELECT event_id, stream_id, stream_version, position FROM es_events WHERE event_id = ?');
    const stored: StoredEventRef[] = [];
    for (const a of appends) {
      for (const e of a.events) {
        const row = byId.get(e.eventId) as Pick<EventRow, 'event_id' | 'stream_id' | 'stream_version' | 'position'> | undefined;
        if (row) stored.push({ eventId: row.event_id, streamId: row.stream_id, streamVersion: row.stream_version, globalPosition: row.position });
      }
    }
    const duplicate = duplicateByEventIds(appends, stored);
    if (duplicate) return duplicate;

    const versionOf = this.statements.get('SELECT version FROM es_streams WHERE stream_id = ?');
    const currents = appends.map((a) => (versionOf.get(a.streamId) as { version: number } | undefined)?.version ?? 0);
    appends.forEach((a, i) => assertExpectedVersion(a.streamId, a.expectedVersion, currents[i]!));

    // The envelope context is the same for every event of one append: serialise it once.
    const metadata = JSON.stringify(options.context);
    const insert = this.statements.get(
      'INSERT INTO es_events (event_id, stream_id, stream_version, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const setVersion = this.statements.get(
      'INSERT INTO es_streams (stream_id, version) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version',
    );
    const streams = appends.map((a, i) => {
      let version = currents[i]!;
      let firstPosition = 0;
      let lastPosition = 0;
      for (const event of a.events) {
        version += 1;
        lastPosition = Number(insert.run(event.eventId, a.streamId, version, event.type, JSON.stringify(event.data), metadata).lastInsertRowid);
        if (firstPosition === 0) firstPosition = lastPosition;
      }
      if (a.events.length > 0) setVersion.run(a.streamId, version);
      return { streamId: a.streamId, streamVersion: version, firstPosition, lastPosition, duplicate: false };
    });
    const result = summarise(streams, false);
    if (commandId !== undefined && result.lastPosition > 0) {
      this.statements
        .get('INSERT INTO es_commands (command_id, stream_id, first_position, last_position, stream_version) VALUES (?, ?, ?, ?, ?)')
        .run(commandId, streams[0]!.streamId, result.firstPosition, result.lastPosition, streams[0]!.streamVersion);
    }
    return result;
  }

  /** A command seen before: its streams' results, rebuilt from the positions it wrote (dense here). */
  private duplicateOfCommand(row: CommandRow): AppendManyResult {
    const parts = this.statements
      .get(
        'SELECT stream_id, MIN(position) AS first, MAX(position) AS last, MAX(stream_version) AS version FROM es_events ' +
          'WHERE position BETWEEN ? AND ? GROUP BY stream_id ORDER BY first',
      )
      .all(row.first_position, row.last_position) as { stream_id: string; first: number; last: number; version: number }[];
    const streams = parts.map((p) => ({ streamId: p.stream_id, streamVersion: p.version, firstPosition: p.first, lastPosition: p.last, duplicate: true }));
    return { streams, firstPosition: row.first_position, lastPosition: row.last_position, duplicate: true };
  }
}

const commandResult = (row: CommandRow): AppendResult & { streamId: string } => ({
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  firstPosition: row.first_position,
  lastPosition: row.last_position,
  duplicate: true,
});

/** The smallest string greater than every string with this prefix. */
function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Rows to events; events of one append share one metadata string, parsed once. */
function toRecorded(rows: readonly EventRow[]): RecordedEvent[] {
  const events = new Array<RecordedEvent>(rows.length);
  let lastRaw = '';
  let context: StoredContext | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.metadata !== lastRaw || !context) {
      lastRaw = row.metadata;
      context = JSON.parse(row.metadata) as StoredContext;
    }
    const ids = { eventId: row.event_id, streamId: row.stream_id, streamVersion: row.stream_version, globalPosition: row.position };
    events[i] = recordedEvent(row.type, JSON.parse(row.data), ids, context);
  }
  return events;
}
