import {
  assertExpectedVersion,
  duplicateByEventIds,
  summarise,
  type AppendManyOptions,
  type AppendManyResult,
  type StoredEventRef,
  type StreamAppend,
} from '@rapport/platform-eventsourcing';
import type { PoolClient } from 'pg';
import { channelOf, quotedSchema, type PositionLock } from './postgres-schema';

/** The SQL of one schema and strategy, built once per store. */
export interface AppendSql {
  readonly lockStream: string;
  readonly lookups: string;
  readonly streamsOfRange: string;
  readonly write: string;
  readonly recordCommand: string;
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
    // A new statement after the locks, so a new snapshot: it sees whatever the previous holders committed.
    // Every event id of the call is looked up, not only the first.
    lookups:
      (positionLock === 'advisory-lock' ? `SELECT pg_advisory_xact_lock(hashtext('rapport-es-position:${schema}')) AS locked, ` : 'SELECT ') +
      'c.stream_id AS c_stream_id, c.first_position, c.last_position, ' +
      `(SELECT coalesce(json_agg(json_build_array(e.event_id, e.stream_id, e.stream_version, e.position)), '[]'::json) ` +
      `FROM ${s}.es_events e WHERE e.event_id = ANY($2::text[])) AS seen ` +
      `FROM (SELECT 1) AS one LEFT JOIN ${s}.es_commands c ON c.command_id = $1`,
    streamsOfRange:
      `SELECT stream_id, min(position) AS first, max(position) AS last, max(stream_version) AS version FROM ${s}.es_events ` +
      'WHERE position BETWEEN $1 AND $2 GROUP BY stream_id ORDER BY first',
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
    recordCommand: `INSERT INTO ${s}.es_commands (command_id, stream_id, first_position, last_position, stream_version) VALUES ($1, $2, $3, $4, $5)`,
  };
}

interface LookupRow {
  c_stream_id: string | null;
  first_position: number | null;
  last_position: number | null;
  /** [event id, stream id, stream version, position] of each event id of the call already stored. */
  seen: [string, string, number, number][];
}

/**
 * One multi-stream append, inside a transaction the caller has begun (and commits or rolls back). The
 * checks run in the SQLite store's order: a known command id, known event ids, then every stream's
 * expected version. The stream rows are locked in id order (so two calls over the same streams cannot
 * deadlock) and held to commit, so "exactly one of many concurrent appends with the same expected
 * version wins" holds across processes; the position counter row, locked by the first write, keeps
 * positions dense and in commit order.
 */
export async function appendManyInTransaction(
  client: PoolClient,
  sql: AppendSql,
  appends: readonly StreamAppend[],
  options: AppendManyOptions,
): Promise<AppendManyResult> {
  const commandId = options.context.commandId ?? null;
  const versions = new Map<string, number>();
  for (const streamId of appends.map((a) => a.streamId).sort()) {
    versions.set(streamId, (await client.query<{ version: number }>(sql.lockStream, [streamId])).rows[0]!.version);
  }
  const ids = appends.flatMap((a) => a.events.map((e) => e.eventId));
  const lookup = (await client.query<LookupRow>(sql.lookups, [commandId, ids])).rows[0]!;

  if (lookup.c_stream_id !== null) {
    const parts = await client.query<{ stream_id: string; first: number; last: number; version: number }>(sql.streamsOfRange, [
      lookup.first_position,
      lookup.last_position,
    ]);
    const streams = parts.rows.map((p) => ({ streamId: p.stream_id, streamVersion: p.version, firstPosition: p.first, lastPosition: p.last, duplicate: true }));
    return { streams, firstPosition: lookup.first_position!, lastPosition: lookup.last_position!, duplicate: true };
  }
  const stored: StoredEventRef[] = lookup.seen.map(([eventId, streamId, streamVersion, globalPosition]) => ({ eventId, streamId, streamVersion, globalPosition }));
  const duplicate = duplicateByEventIds(appends, stored);
  if (duplicate) return duplicate;
  for (const a of appends) assertExpectedVersion(a.streamId, a.expectedVersion, versions.get(a.streamId)!);

  const metadata = JSON.stringify(options.context);
  const written = appends.filter((a) => a.events.length > 0);
  // One written stream: the command row goes in with the write (one round trip less on the hot path).
  const commandInWrite = written.length === 1 && written[0] === appends[0] ? commandId : null;
  const streams = [];
  for (const a of appends) {
    const current = versions.get(a.streamId)!;
    if (a.events.length === 0) {
      streams.push({ streamId: a.streamId, streamVersion: current, firstPosition: 0, lastPosition: 0, duplicate: false });
      continue;
    }
    const { rows } = await client.query<{ base: number }>(sql.write, [
      a.streamId,
      current,
      a.events.map((e) => e.eventId),
      a.events.map((e) => e.type),
      a.events.map((e) => JSON.stringify(e.data)),
      a.events.length,
      metadata,
      commandInWrite,
    ]);
    const base = rows[0]!.base;
    streams.push({ streamId: a.streamId, streamVersion: current + a.events.length, firstPosition: base + 1, lastPosition: base + a.events.length, duplicate: false });
  }
  const result = summarise(streams, false);
  if (commandId !== null && commandInWrite === null && result.lastPosition > 0) {
    const first = streams[0]!;
    await client.query(sql.recordCommand, [commandId, first.streamId, result.firstPosition, result.lastPosition, first.streamVersion]);
  }
  return result;
}
