import type { Pool } from 'pg';
import { keyRowOf, type KeyRepository, type KeyRow, type KeyTableRow } from './key-vault';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The key store of distributed mode: a schema of its own (`<namespace>_keys`), so it can be granted, backed
 * up and retained apart from the event schemas (ADR 0009). Erasure overwrites the wrapped key with NULL;
 * VACUUM reclaims the old tuple (the ADR says how backups expire).
 */
export class PostgresKeyRepository implements KeyRepository {
  private ready: Promise<void> | undefined;
  private readonly table: string;

  /** Opens without a round trip: the schema is made on first use (and tried again after a failure), so a service starts while PostgreSQL is away. */
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly options: { readonly ownsPool?: boolean } = {},
  ) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
    this.table = `"${schema}".data_keys`;
  }

  private query<R extends object>(sql: string, values: unknown[]): Promise<{ rows: R[] }> {
    this.ready ??= this.pool
      .query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`)
      .catch(() => undefined) // a concurrent creator wins the race; the table statement below still checks
      .then(() =>
        this.pool.query(`CREATE TABLE IF NOT EXISTS ${this.table} (subject text PRIMARY KEY, wrapped bytea, created_at text NOT NULL, erased_at text)`),
      )
      .then(
        () => undefined,
        (error: unknown) => {
          this.ready = undefined;
          throw error;
        },
      );
    return this.ready.then(() => this.pool.query<R>(sql, values));
  }

  async get(subject: string): Promise<KeyRow | undefined> {
    const { rows } = await this.query<KeyTableRow>(`SELECT * FROM ${this.table} WHERE subject = $1`, [subject]);
    return rows[0] && keyRowOf(rows[0]);
  }

  async insertIfAbsent(row: KeyRow): Promise<KeyRow> {
    await this.query(`INSERT INTO ${this.table} (subject, wrapped, created_at, erased_at) VALUES ($1, $2, $3, $4) ON CONFLICT (subject) DO NOTHING`, [
      row.subject,
      row.wrapped,
      row.createdAt,
      row.erasedAt,
    ]);
    return (await this.get(row.subject))!;
  }

  async markErased(subject: string, at: string): Promise<void> {
    await this.query(
      `INSERT INTO ${this.table} (subject, wrapped, created_at, erased_at) VALUES ($1, NULL, $2, $2)
       ON CONFLICT (subject) DO UPDATE SET wrapped = NULL, erased_at = COALESCE(${this.table}.erased_at, excluded.erased_at)`,
      [subject, at],
    );
  }

  async erased(options: { readonly since?: string }): Promise<readonly KeyRow[]> {
    const { rows } = await this.query<KeyTableRow>(`SELECT * FROM ${this.table} WHERE erased_at IS NOT NULL AND erased_at >= $1 ORDER BY erased_at`, [options.since ?? '']);
    return rows.map(keyRowOf);
  }

  async close(): Promise<void> {
    if (this.options.ownsPool) await this.pool.end();
  }
}
