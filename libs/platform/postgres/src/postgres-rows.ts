import { recordedEvent, type AppendResult, type RecordedEvent, type StoredContext } from '@rapport/platform-eventsourcing';

export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  /** `json` columns arrive parsed. */
  data: unknown;
  metadata: StoredContext;
}

export interface CommandRow {
  stream_id: string;
  first_position: number;
  last_position: number;
  stream_version: number;
}

export const EVENT_COLUMNS = 'position, event_id, stream_id, stream_version, type, data, metadata';

export const commandResult = (row: CommandRow): AppendResult & { streamId: string } => ({
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  firstPosition: row.first_position,
  lastPosition: row.last_position,
  duplicate: true,
});

/** Rows to events, through the core's fixed-shape builder (the same events the SQLite store gives). */
export const toRecorded = (rows: readonly EventRow[]): RecordedEvent[] =>
  rows.map((row) =>
    recordedEvent(
      row.type,
      row.data,
      { eventId: row.event_id, streamId: row.stream_id, streamVersion: row.stream_version, globalPosition: row.position },
      row.metadata,
    ),
  );
