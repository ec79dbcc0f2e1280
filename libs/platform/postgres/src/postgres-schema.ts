import { Pool, types, type PoolClient, type PoolConfig } from 'pg';

/**
 * How appends serialise the assignment of global positions (see docs/adr/0006-distributed-stores.md).
 * - `counter-row` (default): `UPDATE es_head SET position = position + n RETURNING ...` inside the
 *   append; the row lock is held until commit, so positions are handed out in commit order.
 * - `advisory-lock`: `pg_advisory_xact_lock` then `max(position) + 1`; kept for the measurement.
 * Every writer of one schema must use the same strategy.
 */
export type PositionLock = 'counter-row' | 'advisory-lock';

export interface PostgresEventStoreOptions {
  /** Schema holding the tables; created on open. Tests use a fresh one each. Default `rapport_es`. */
  readonly schema?: string;
  /** Connections in this store's pool (default 10). */
  readonly poolSize?: number;
  readonly positionLock?: PositionLock;
  /** Wake live subscriptions with LISTEN/NOTIFY (default true). Polling stays on as the fallback. */
  readonly notify?: boolean;
  /** How often a live subscription polls when no notification arrives (default 250 ms). */
  readonly pollIntervalMs?: number;
  /** `application_name` of this store's connections, so an operator (or a test) can find and drop them. */
  readonly applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names end up in SQL text: they come from configuration and are checked, then quoted. */
export function quotedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  return `"${schema}"`;
}

/** The NOTIFY channel of one schema: an identifier of at most 63 bytes. */
export const channelOf = (schema: string): string => `rapport_es_${schema}`.slice(0, 63);

const INT8_OID = 20;
const parseInt8 = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} exceeds Number.MAX_SAFE_INTEGER`);
  return n;
};

/**
 * A pool whose BIGINT columns arrive as JavaScript numbers (positions are safe to 2^53, ADR 0002).
 * The parser is set per pool, not with the process-global `types.setTypeParser`, so other users of
 * `pg` in the same process keep their behaviour.
 */
export function createPool(connectionString: string, config: Omit<PoolConfig, 'connectionString' | 'types'> = {}): Pool {
  const pool = new Pool({
    ...config,
    connectionString,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary' ? parseInt8 : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
  });
  // An idle connection the server dropped (restart, failover, terminate) is discarded by the pool; the next
  // query opens a new one. Without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` in one transaction on a connection of its own. The pool stops listening for a connection's
 * 'error' event while it is checked out, and an unheard 'error' (the server dropped the connection
 * mid-transaction) would crash the process; so the transaction listens itself, and a connection that
 * failed or could not roll back is destroyed instead of going back to the pool. `work` may end the
 * transaction itself (COMMIT or ROLLBACK); what it throws is rethrown after the rollback.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (error: Error): void => void (broken ??= error);
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    return await work(client);
  } catch (error) {
    if (!broken) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}

/**
 * The tables mirror the SQLite store (ADR 0002): events with a dense global `position`, one row per
 * stream holding its version (the row appends lock), the command ids seen, and the position counter.
 * `data`/`metadata` are `json`, not `jsonb`: the store gives back exactly the text it was given
 * (key order included); cast to jsonb for ad-hoc queries.
 */
export function schemaDdl(schema: string): string {
  const s = quotedSchema(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.es_events (
  position       bigint PRIMARY KEY,
  event_id       text   NOT NULL UNIQUE,
  stream_id      text   NOT NULL,
  stream_version bigint NOT NULL,
  type           text   NOT NULL,
  data           json   NOT NULL,
  metadata       json   NOT NULL,
  UNIQUE (stream_id, stream_version)
);
CREATE TABLE IF NOT EXISTS ${s}.es_streams (
  stream_id text   PRIMARY KEY,
  version   bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.es_commands (
  command_id     text   PRIMARY KEY,
  stream_id      text   NOT NULL,
  first_position bigint NOT NULL,
  last_position  bigint NOT NULL,
  stream_version bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.es_head (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  position bigint  NOT NULL
);
INSERT INTO ${s}.es_head (id, position) VALUES (true, 0) ON CONFLICT (id) DO NOTHING;
-- Catches the counter up after appends made with the advisory-lock strategy.
UPDATE ${s}.es_head SET position = (SELECT max(position) FROM ${s}.es_events)
  WHERE position < (SELECT coalesce(max(position), 0) FROM ${s}.es_events);
`;
}

/**
 * Creates the schema if needed. Idempotent, and safe when several processes open the store at once:
 * concurrent `CREATE ... IF NOT EXISTS` can still collide in the catalog, so a transaction-scoped
 * advisory lock per schema serialises the DDL.
 */
export async function ensureSchema(pool: Pool, schema: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rapport-es-schema:${schema}`]);
    await client.query(schemaDdl(schema));
    await client.query('COMMIT');
  });
}
