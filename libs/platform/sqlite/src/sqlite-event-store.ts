import {
  AppendSignal,
  assertExpectedVersion,
  EventIdConflictError,
  pollingSubscriptions,
  recordedEvent,
  type AppendOptions,
  type AppendResult,
  type DomainEvent,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredContext,
  type SubscribeOptions,
  type Unsubscribe,
} from '@rapport/platform-eventsourcing';
import { openSqlite, StatementCache, type OpenSqliteOptions, type SqliteDatabase } from './open-database';

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
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: StatementCache;
  private readonly signal: AppendSignal;
  private readonly subscriptions: Pick<EventStore, 'subscribeToAll' | 'subscribeToStream'>;
  private readonly appendTx: (streamId: string, events: readonly NewEvent[], options: AppendOptions) => AppendResult;

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
    const tx = db.transaction(this.appendInTransaction.bind(this));
    this.appendTx = (streamId, events, appendOptions) => tx.immediate(streamId, events, appendOptions);
  }

  async append<E extends DomainEvent>(
    streamId: string,
    events: readonly NewEvent<E>[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const result = this.appendTx(streamId, events, options);
    if (!result.duplicate && events.length > 0) this.signal.notify();
    return result;
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
    if (this.db.open) this.db.close();
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], options: AppendOptions): AppendResult {
    const commandId = options.context.commandId;
    if (commandId !== undefined) {
      const earlier = this.statements.get('SELECT * FROM es_commands WHERE command_id = ?').get(commandId) as CommandRow | undefined;
      if (earlier) {
        const { streamId: _original, ...result } = commandResult(earlier);
        return result;
      }
    }
    const current =
      (this.statements.get('SELECT version FROM es_streams WHERE stream_id = ?').get(streamId) as { version: number } | undefined)
        ?.version ?? 0;
    if (events.length === 0) {
      assertExpectedVersion(streamId, options.expectedVersion, current);
      return { streamVersion: current, firstPosition: 0, lastPosition: 0, duplicate: false };
    }

    const seen = this.statements.get('SELECT * FROM es_events WHERE event_id = ?').get(events[0]!.eventId) as EventRow | undefined;
    if (seen) return this.duplicateOf(seen, streamId, events.length);
    assertExpectedVersion(streamId, options.expectedVersion, current);

    // The envelope context is the same for every event of one append: serialise it once.
    const metadata = JSON.stringify(options.context);
    const insert = this.statements.get(
      'INSERT INTO es_events (event_id, stream_id, stream_version, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    let version = current;
    let firstPosition = 0;
    let lastPosition = 0;
    for (const event of events) {
      version += 1;
      lastPosition = Number(insert.run(event.eventId, streamId, version, event.type, JSON.stringify(event.data), metadata).lastInsertRowid);
      if (firstPosition === 0) firstPosition = lastPosition;
    }
    this.statements
      .get('INSERT INTO es_streams (stream_id, version) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version')
      .run(streamId, version);
    if (commandId !== undefined) {
      this.statements
        .get('INSERT INTO es_commands (command_id, stream_id, first_position, last_position, stream_version) VALUES (?, ?, ?, ?, ?)')
        .run(commandId, streamId, firstPosition, lastPosition, version);
    }
    return { streamVersion: version, firstPosition, lastPosition, duplicate: false };
  }

  /** The first event of this append is already stored: answer what the original append answered. */
  private duplicateOf(first: EventRow, streamId: string, count: number): AppendResult {
    if (first.stream_id !== streamId) throw new EventIdConflictError(first.event_id);
    const last = this.statements
      .get('SELECT position, stream_version FROM es_events WHERE stream_id = ? AND stream_version = ?')
      .get(streamId, first.stream_version + count - 1) as { position: number; stream_version: number } | undefined;
    return {
      streamVersion: last?.stream_version ?? first.stream_version,
      firstPosition: first.position,
      lastPosition: last?.position ?? first.position,
      duplicate: true,
    };
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
