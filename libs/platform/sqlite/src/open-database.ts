import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /**
   * FULL (default) fsyncs the WAL on every commit: an acknowledged append survives a power cut.
   * NORMAL survives a process crash but may lose the last commits on an OS crash.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating its folder) a database in WAL mode: readers never block the single writer. */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  // Other processes (a second service, an auditor's tool) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

/** A small cache of prepared statements: preparing is far costlier than running. */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly db: SqliteDatabase) {}
  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
