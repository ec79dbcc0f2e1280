import {
  EventStoreError,
  nameBasedUuid,
  recordedEvent,
  type AppendContext,
  type NewEvent,
  type RecordedEvent,
  type StoredContext,
} from '@rapport/platform-eventsourcing';
import { jsonEvent, streamNameFilter, type EventData, type Filter, type JSONType, type Position } from '@kurrent/kurrentdb-client';

/**
 * What the adapter writes to KurrentDB, and back (ADR 0006):
 * - the domain stream `<ns><streamId>`: the events themselves (id = the port's event id), with the envelope
 *   as JSON text in the metadata property `rapport`. The port's `globalPosition` is the event's `$all` commit
 *   position: assigned at commit, increasing, never skipped by an in-order reader; not dense.
 * - marker streams, outside every namespace's domain streams (`rapport-idempotency-<ns>…`), one small event
 *   each, written with expected state "no stream" in the same multi-stream append as the events:
 *   `…command-<commandId>` (which streams and versions the command wrote) and `…event-<eventId>` (where each
 *   event went). The server's expected-state check makes command-id and event-id idempotency durable and
 *   exact under concurrency, for every event id of an append. No event is stored twice.
 * Record properties (metadata) are strings and never start with `$` (the server reserves those).
 */

export const COMMAND_RECORDED = 'rapport.command-recorded.v1';
export const EVENT_RECORDED = 'rapport.event-recorded.v1';
const MARKERS = 'rapport-idempotency-';

export interface Names {
  readonly namespace: string;
  readonly stream: (streamId: string) => string;
  /** The port's stream id of a KurrentDB stream of this namespace, or undefined for any other stream. */
  readonly streamIdOf: (streamName: string) => string | undefined;
  readonly command: (commandId: string) => string;
  readonly event: (eventId: string) => string;
}

export const namesFor = (namespace: string): Names => ({
  namespace,
  stream: (streamId) => `${namespace}${streamId}`,
  streamIdOf: (name) => (name.startsWith(namespace) && !name.startsWith('$') && !name.startsWith(MARKERS) ? name.slice(namespace.length) : undefined),
  command: (commandId) => `${MARKERS}${namespace}command-${commandId}`,
  event: (eventId) => `${MARKERS}${namespace}event-${eventId}`,
});

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server-side filter of `$all` reads and subscriptions: the domain streams of this namespace (and of
 * the asked prefixes), never system (`$…`) or marker streams.
 */
export function streamFilterOf(names: Names, prefixes: readonly string[] = [], checkpointInterval = 1): Filter {
  if (prefixes.length > 0 && prefixes.every((p) => p !== '' && names.streamIdOf(names.stream(p)) !== undefined)) {
    return streamNameFilter({ prefixes: prefixes.map((p) => names.stream(p)), checkpointInterval });
  }
  const alternatives = (prefixes.length ? prefixes : ['']).map((p) => escapeRegex(names.stream(p))).join('|');
  return streamNameFilter({ regex: `^(?!\\$)(?!${escapeRegex(MARKERS)})(?:${alternatives})`, checkpointInterval });
}

/** Multi-stream appends take metadata only as an object of strings. */
export interface EventProperties {
  readonly rapport: string;
  readonly correlationId: string;
  readonly causationId: string;
}

export function domainEvent(event: NewEvent, context: AppendContext): EventData {
  const metadata: EventProperties = { rapport: JSON.stringify(context), correlationId: context.correlationId, causationId: context.causationId };
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: { ...metadata } });
}

/**
 * Markers are written in the same multi-stream append as the events, after them, before their versions and
 * positions are known: they hold only what the request knows. The events are found again next to the
 * marker's own `$all` position (an atomic append is one contiguous write of the log).
 */
export interface CommandRecorded {
  readonly commandId: string;
}

/** An event marker: which stream the event with this id went to. */
export interface EventRecorded {
  readonly eventId: string;
  readonly streamId: string;
}

export const commandMarker = (names: Names, commandId: string): EventData =>
  jsonEvent({ id: nameBasedUuid(`rapport-marker/${names.command(commandId)}`), type: COMMAND_RECORDED, data: { commandId } });

export const eventMarker = (names: Names, recorded: EventRecorded): EventData =>
  jsonEvent({ id: nameBasedUuid(`rapport-marker/${names.event(recorded.eventId)}`), type: EVENT_RECORDED, data: { ...recorded } });

/** The part of a client's recorded event the adapter reads. */
export interface StoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position;
}

/** The port's position of a stored event: its `$all` commit position. */
export function positionOf(event: Pick<StoredEvent, 'position' | 'streamId' | 'revision'>): number {
  if (!event.position) throw new EventStoreError(`KurrentDB returned ${event.streamId}@${event.revision} without its $all position`);
  const commit = Number(event.position.commit);
  if (!Number.isSafeInteger(commit)) throw new EventStoreError(`KurrentDB commit position ${event.position.commit} exceeds Number.MAX_SAFE_INTEGER`);
  return commit;
}

/** A domain event as the port records it; undefined for an event of another namespace or a marker. */
export function fromStored(names: Names, event: StoredEvent): RecordedEvent | undefined {
  const streamId = names.streamIdOf(event.streamId);
  if (streamId === undefined) return undefined;
  const ids = { eventId: event.id, streamId, streamVersion: Number(event.revision) + 1, globalPosition: positionOf(event) };
  return recordedEvent(event.type, event.data, ids, contextOf(event));
}

/** The envelope from the metadata as the server gives it back: parsed JSON (the usual case) or raw bytes. */
function contextOf(event: StoredEvent): StoredContext {
  const object = event.metadata instanceof Uint8Array ? (JSON.parse(Buffer.from(event.metadata).toString('utf8')) as unknown) : event.metadata;
  const raw = (object as { rapport?: unknown } | undefined)?.rapport;
  if (typeof raw !== 'string') throw new EventStoreError(`event ${event.id} in ${event.streamId} has no rapport envelope: not written by this adapter`);
  return JSON.parse(raw) as StoredContext;
}

/**
 * Events of one read in `$all` order must have strictly increasing commit positions: several events sharing
 * one (an explicit transaction) cannot be told apart by the port's one-number position, and a reader resuming
 * "after" it could skip some. Refuse loudly instead of skipping silently.
 */
export function assertIncreasing(events: readonly RecordedEvent[], after: number): void {
  let last = after;
  for (const e of events) {
    if (e.metadata.globalPosition <= last) {
      throw new EventStoreError(`KurrentDB $all positions do not increase at ${e.metadata.streamId}@${e.metadata.streamVersion} (${e.metadata.globalPosition} after ${last})`);
    }
    last = e.metadata.globalPosition;
  }
}
