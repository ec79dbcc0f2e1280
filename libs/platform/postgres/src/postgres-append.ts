import {
  assertExpectedVersion,
  EventIdConflictError,
  type AppendOptions,
  type AppendResult,
  type NewEvent,
} from '@rapport/platform-eventsourcing';
import type { PoolClient } from 'pg';
import { commandResult, type CommandRow } from './postgres-rows';
import { channelOf, quotedSchema, type PositionLock } from './postgres-schema';

/** The SQL of one schema and strategy, built once per store. */
export interface AppendSql {
  readonly lockStream: string;
  readonly lookups: string;
  readonly lastOfDuplicate: string;
  readonly write: string;
}

export function appendSql(schema: string, positionLock: PositionLock, notify: boolean): AppendSql {
  const s = quotedSchema(schema);
  const channel = channelOf(schema).replace(/'/g, "''");
  // Counter row: the UPDATE takes the row lock and, in READ COMMITTED, re-reads the latest committed
  // value after waiting, so it is correct inside one statement. Advisory lock: the lock was taken by the
  // previous statement (`lookups`), so this statement's snapshot already sees every earlier commit.
  const head =
    positionLock === 'counter-row'
      ? `UPDATE ${s}.es_head SET position = position + $6 RETURNING position - $6 AS base`
      : `SELECT coalesce(max(position), 0) AS base FROM ${s}.es_events`;
  return {
    // Locks the stream's row (creating it, uncommitted, for a new stream) and returns its version.
    // ON CONFLICT DO UPDATE waits for a concurrent appender of the same stream and then sees its commit.
    lockStream:
      `INSERT INTO ${s}.es_streams AS st (stream_id, version) VALUES ($1, 0) ` +
      'ON CONFLICT (stream_id) DO UPDATE SET version = st.version RETURNING version',
    // A new statement after the lock, so a new snapshot: it sees whatever the previous holder committed.
    lookups:
      (positionLock === 'advisory-lock' ? `SELECT pg_advisory_xact_lock(hashtext('rapport-es-position:${schema}')) AS locked, ` : 'SELECT ') +
      'c.stream_id AS c_stream_id, c.first_position, c.last_position, c.stream_version AS c_stream_version, ' +
      'e.position AS e_position, e.stream_id AS e_stream_id, e.stream_version AS e_stream_version ' +
      `FROM (SELECT 1) AS one LEFT JOIN ${s}.es_commands c ON c.command_id = $1 LEFT JOIN ${s}.es_events e ON e.event_id = $2`,
    lastOfDuplicate: `SELECT position, stream_version FROM ${s}.es_events WHERE stream_id = $1 AND stream_version = $2`,
    // $1 stream, $2 version before, $3 ids, $4 types, $5 data, $6 count, $7 metadata, $8 command id.
    write: `
WITH h AS (${head}),
ev AS (
  INSERT INTO ${s}.es_events (position, event_id, stream_id, stream_version, type, data, metadata)
  SELECT h.base + e.ord, e.event_id, $1, $2::bigint + e.ord, e.type, e.data, $7::json
  FROM h, unnest($3::text[], $4::text[], $5::json[]) WITH ORDINALITY AS e(event_id, type, data, ord)
),
st AS (UPDATE ${s}.es_streams SET version = $2::bigint + $6 WHERE stream_id = $1),
cmd AS (
  INSERT INTO ${s}.es_commands (command_id, stream_id, first_position, last_position, stream_version)
  SELECT $8, $1, h.base + 1, h.base + $6, $2::bigint + $6 FROM h WHERE $8::text IS NOT NULL
)
SELECT base${notify ? `, pg_notify('${channel}', (base + $6)::text)` : ''} FROM h`,
  };
}

interface LookupRow {
  c_stream_id: string | null;
  first_position: number | null;
  last_position: number | null;
  c_stream_version: number | null;
  e_position: number | null;
  e_stream_id: string | null;
  e_stream_version: number | null;
}

/**
 * One append, inside a transaction the caller has begun (and commits or rolls back). The checks run in
 * the SQLite store's order: a known command id, an empty append, a known first event id, then the
 * expected version. The stream row lock serialises appends to one stream, so "exactly one of many
 * concurrent appends with the same expected version wins" holds across processes.
 */
export async function appendInTransaction(
  client: PoolClient,
  sql: AppendSql,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> {
  const commandId = options.context.commandId ?? null;
  const locked = await client.query<{ version: number }>(sql.lockStream, [streamId]);
  const current = locked.rows[0]!.version;
  const lookup = (await client.query<LookupRow>(sql.lookups, [commandId, events[0]?.eventId ?? null])).rows[0]!;

  if (lookup.c_stream_id !== null) {
    const { streamId: _original, ...result } = commandResult({
      stream_id: lookup.c_stream_id,
      first_position: lookup.first_position!,
      last_position: lookup.last_position!,
      stream_version: lookup.c_stream_version!,
    } satisfies CommandRow);
    return result;
  }
  if (events.length === 0) {
    assertExpectedVersion(streamId, options.expectedVersion, current);
    return { streamVersion: current, firstPosition: 0, lastPosition: 0, duplicate: false };
  }
  if (lookup.e_position !== null) {
    if (lookup.e_stream_id !== streamId) throw new EventIdConflictError(events[0]!.eventId);
    const last = await client.query<{ position: number; stream_version: number }>(sql.lastOfDuplicate, [
      streamId,
      lookup.e_stream_version! + events.length - 1,
    ]);
    return {
      streamVersion: last.rows[0]?.stream_version ?? lookup.e_stream_version!,
      firstPosition: lookup.e_position,
      lastPosition: last.rows[0]?.position ?? lookup.e_position,
      duplicate: true,
    };
  }
  assertExpectedVersion(streamId, options.expectedVersion, current);

  const written = await client.query<{ base: number }>(sql.write, [
    streamId,
    current,
    events.map((e) => e.eventId),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    events.length,
    JSON.stringify(options.context),
    commandId,
  ]);
  const base = written.rows[0]!.base;
  return { streamVersion: current + events.length, firstPosition: base + 1, lastPosition: base + events.length, duplicate: false };
}
