import Database from 'better-sqlite3';
import { GroupCommit, StatementCache } from '@rapport/platform-sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyRowOf, type KeyRepository, type KeyRow, type KeyTableRow } from './key-vault';

/**
 * The key store of embedded mode: its own SQLite file beside the event stores (`keys.sqlite`), never inside
 * one. `secure_delete` and a write-ahead log that is checkpointed and truncated as soon as a key is erased, so an
 * erased key is overwritten in the file and gone from the log when `markErased` answers (ADR 0009).
 *
 * New keys are group-committed: the keys made in one event-loop turn (one per new customer under load) share one
 * transaction and one fsync (WAL, `synchronous = FULL`: one flush of the log per commit, where a rollback journal
 * took four — journal, file, folder, journal again). `insertIfAbsent` answers only after that commit is durable,
 * so a key is on disk before any event sealed with it can be appended.
 */
export class SqliteKeyRepository implements KeyRepository {
  private readonly statements: StatementCache;
  private readonly inserts: GroupCommit<KeyRow, KeyRow>;
  /** An erasure whose checkpoint a reader of the log held back: tried again after each commit and on close. */
  private erasedKeyInLog = false;

  private constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
    this.inserts = new GroupCommit(db, (row) => {
      this.statements
        .get('INSERT OR IGNORE INTO data_keys (subject, wrapped, created_at, erased_at) VALUES (?, ?, ?, ?)')
        .run(row.subject, row.wrapped, row.createdAt, row.erasedAt);
      return this.read(row.subject)!;
    }, () => {
      if (this.erasedKeyInLog) this.forgetOverwritten();
    });
  }

  static open(path: string): SqliteKeyRepository {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS data_keys (
      subject TEXT PRIMARY KEY,
      wrapped BLOB,
      created_at TEXT NOT NULL,
      erased_at TEXT
    ) STRICT`);
    return new SqliteKeyRepository(db);
  }

  async get(subject: string): Promise<KeyRow | undefined> {
    return this.read(subject);
  }

  insertIfAbsent(row: KeyRow): Promise<KeyRow> {
    return this.inserts.submit(row);
  }

  async markErased(subject: string, at: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO data_keys (subject, wrapped, created_at, erased_at) VALUES (?, NULL, ?, ?)
         ON CONFLICT (subject) DO UPDATE SET wrapped = NULL, erased_at = COALESCE(erased_at, excluded.erased_at)`,
      )
      .run(subject, at, at);
    // The erased key's earlier versions are still in the log (and its page in the file) until a checkpoint
    // copies the zeroed page over them; TRUNCATE then empties the log.
    for (let attempt = 0; attempt < 5 && !this.forgetOverwritten(); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async erased(options: { readonly since?: string }): Promise<readonly KeyRow[]> {
    const rows = this.db.prepare('SELECT * FROM data_keys WHERE erased_at IS NOT NULL AND erased_at >= ? ORDER BY erased_at').all(options.since ?? '') as KeyTableRow[];
    return rows.map(keyRowOf);
  }

  async close(): Promise<void> {
    this.inserts.flush();
    if (this.erasedKeyInLog) this.forgetOverwritten();
    if (this.db.open) this.db.close();
  }

  /** @returns whether the log is checkpointed into the file and emptied (false: another connection's reader held it). */
  private forgetOverwritten(): boolean {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    this.erasedKeyInLog = result?.busy !== 0;
    return !this.erasedKeyInLog;
  }

  private read(subject: string): KeyRow | undefined {
    const row = this.statements.get('SELECT * FROM data_keys WHERE subject = ?').get(subject) as KeyTableRow | undefined;
    return row && keyRowOf(row);
  }
}
