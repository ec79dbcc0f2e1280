import { AppendSignal, errorMessage, errorStack, platformLogger, startPollingLoop, type Unsubscribe } from '@rapport/platform-eventsourcing';
import { openSqlite, StatementCache, type SqliteDatabase } from '@rapport/platform-sqlite';
import { deliverWithRetry } from './delivery';
import type { Consumer, ConsumerOptions, IncomingMessage, IntegrationEvent, MessageBus, OutgoingMessage, TopicSpec } from './message-bus';

const logger = platformLogger('in-process-bus');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bus_messages (
  topic  TEXT    NOT NULL,
  offset INTEGER NOT NULL,
  key    TEXT    NOT NULL,
  event  TEXT    NOT NULL,
  PRIMARY KEY (topic, offset)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bus_offsets (
  group_id    TEXT    NOT NULL,
  topic       TEXT    NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic)
) WITHOUT ROWID;
`;

interface MessageRow {
  offset: number;
  key: string;
  event: string;
}

/**
 * The embedded-mode bus: a durable, single-partition log per topic in SQLite, with committed offsets
 * per consumer group — Kafka's contract without a broker. A consumer group that joins late reads the
 * topic from its start, a crash redelivers from the last committed offset, nothing lives only in memory.
 */
export class InProcessBus implements MessageBus {
  private readonly statements: StatementCache;
  private readonly signal = new AppendSignal();
  private readonly consumers = new Set<Unsubscribe>();
  private readonly publishTx: (messages: readonly OutgoingMessage[]) => void;
  /** Groups consumed with in this process, so a group that has not committed yet shows in the lag too. */
  private readonly groups = new Set<string>();

  static open(path: string): InProcessBus {
    return new InProcessBus(openSqlite(path));
  }

  constructor(readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
    this.statements = new StatementCache(db);
    this.publishTx = db.transaction((messages: readonly OutgoingMessage[]) => {
      for (const message of messages) {
        const { next } = this.statements
          .get('SELECT COALESCE(MAX(offset) + 1, 0) AS next FROM bus_messages WHERE topic = ?')
          .get(message.topic) as { next: number };
        this.statements
          .get('INSERT INTO bus_messages (topic, offset, key, event) VALUES (?, ?, ?, ?)')
          .run(message.topic, next, message.key, JSON.stringify(message.event));
      }
    });
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.publishTx(messages);
    this.signal.notify();
  }

  async ensureTopics(_topics: readonly TopicSpec[]): Promise<void> {
    // Topics are rows in one table: nothing to create.
  }

  async subscribe(options: ConsumerOptions): Promise<Consumer> {
    for (const topic of options.topics) this.groups.add(JSON.stringify([options.groupId, topic]));
    const loops = options.topics.map((topic) => this.consume(topic, options));
    for (const loop of loops) this.consumers.add(loop);
    return {
      stop: async () => {
        for (const loop of loops) {
          this.consumers.delete(loop);
          await loop();
        }
      },
    };
  }

  /** Messages on a topic, for tests and tools (the dead-letter topic, say). */
  async read(topic: string, fromOffset = 0, limit = 1_000): Promise<IncomingMessage[]> {
    const rows = this.statements
      .get('SELECT offset, key, event FROM bus_messages WHERE topic = ? AND offset >= ? ORDER BY offset LIMIT ?')
      .all(topic, fromOffset, limit) as MessageRow[];
    return rows.map((row) => toIncoming(topic, row));
  }

  /** Lag per group of the one partition of each topic: the next offset minus the committed one (none committed: from 0). */
  async consumerLag(): Promise<{ groupId: string; topic: string; partition: number; committed: number | null; end: number; lag: number }[]> {
    const rows = this.statements.get('SELECT group_id, topic FROM bus_offsets').all() as { group_id: string; topic: string }[];
    const pairs = new Set([...this.groups, ...rows.map((row) => JSON.stringify([row.group_id, row.topic]))]);
    return [...pairs].sort().map((pair) => {
      const [groupId, topic] = JSON.parse(pair) as [string, string];
      const { end } = this.statements.get('SELECT COALESCE(MAX(offset) + 1, 0) AS end FROM bus_messages WHERE topic = ?').get(topic) as { end: number };
      const stored = this.statements.get('SELECT next_offset FROM bus_offsets WHERE group_id = ? AND topic = ?').get(groupId, topic) as { next_offset: number } | undefined;
      const committed = stored?.next_offset ?? null;
      return { groupId, topic, partition: 0, committed, end, lag: Math.max(0, end - (committed ?? 0)) };
    });
  }

  async close(): Promise<void> {
    for (const stop of [...this.consumers]) await stop();
    this.consumers.clear();
    if (this.db.open) this.db.close();
  }

  private consume(topic: string, options: ConsumerOptions): Unsubscribe {
    const committed = this.statements
      .get('SELECT next_offset FROM bus_offsets WHERE group_id = ? AND topic = ?')
      .get(options.groupId, topic) as { next_offset: number } | undefined;
    const commit = this.statements.get(
      'INSERT INTO bus_offsets (group_id, topic, next_offset) VALUES (?, ?, ?) ' +
        'ON CONFLICT (group_id, topic) DO UPDATE SET next_offset = excluded.next_offset',
    );
    const stopping = new AbortController();
    const stopLoop = startPollingLoop<IncomingMessage>({
      after: (committed?.next_offset ?? 0) - 1,
      read: async (after) => {
        const rows = this.statements
          .get('SELECT offset, key, event FROM bus_messages WHERE topic = ? AND offset > ? ORDER BY offset LIMIT 100')
          .all(topic, after) as MessageRow[];
        return rows.map((row) => toIncoming(topic, row));
      },
      cursorOf: (message) => message.offset,
      // The offset is committed once per delivered batch, not per message (each commit is an fsync: per message
      // it was six of a registration's seven). A crash redelivers the batch's handled messages: delivery is at
      // least once either way, and handlers de-duplicate by CloudEvent id.
      onEvents: async (messages) => {
        let next: number | undefined;
        try {
          for (const message of messages) {
            const outcome = await deliverWithRetry(message, options, (deadLetters) => this.publish(deadLetters), stopping.signal);
            if (outcome === 'abandoned') return;
            // Kafka's convention: the committed offset is the next one to read.
            next = message.offset + 1;
          }
        } finally {
          if (next !== undefined) commit.run(options.groupId, topic, next);
        }
      },
      onError: (error) => logger.error(`consumer ${options.groupId} on ${topic} failed; retrying (${errorMessage(error)})`, errorStack(error)),
      signal: this.signal,
      pollIntervalMs: 1_000,
    });
    return async () => {
      stopping.abort();
      await stopLoop();
    };
  }
}

const toIncoming = (topic: string, row: MessageRow): IncomingMessage => ({
  topic,
  partition: 0,
  offset: row.offset,
  key: row.key,
  event: JSON.parse(row.event) as IntegrationEvent,
});
