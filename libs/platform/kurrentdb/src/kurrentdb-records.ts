import {
  nameBasedUuid,
  recordedEvent,
  type AppendContext,
  type AppendResult,
  type NewEvent,
  type RecordedEvent,
  type StoredContext,
} from '@rapport/platform-eventsourcing';
import { jsonEvent, type EventData, type JSONType, type ResolvedEvent } from '@kurrent/kurrentdb-client';

/**
 * What the adapter writes to KurrentDB, and back (ADR 0006):
 * - the domain stream `<ns><streamId>`: the events themselves (id = the port's event id, a UUID), with the
 *   envelope and the global position in the metadata;
 * - the order stream `<ns>rapport-log`: one full copy per event, in global order. Its revision + 1 is the
 *   port's `globalPosition` — dense, strictly increasing, assigned at commit;
 * - key streams `<ns>rapport-command-<commandId>` and `<ns>rapport-append-<firstEventId>`: one event holding
 *   the append's result, written with expected state "no stream", which makes idempotency durable.
 * All of an append goes in one multi-stream append (KurrentDB ≥ 25.1): all streams or none.
 */

export const LOGGED = 'rapport.logged.v1';
export const APPEND_RECORDED = 'rapport.append-recorded.v1';

export interface Names {
  readonly stream: (streamId: string) => string;
  readonly log: string;
  readonly command: (commandId: string) => string;
  readonly append: (firstEventId: string) => string;
}

export const namesFor = (namespace: string): Names => ({
  stream: (streamId) => `${namespace}${streamId}`,
  log: `${namespace}rapport-log`,
  command: (commandId) => `${namespace}rapport-command-${commandId}`,
  append: (firstEventId) => `${namespace}rapport-append-${firstEventId}`,
});

/** The order stream's copy of an event: everything readAll returns. */
export interface LoggedEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly context: StoredContext;
}

/** A key stream's only event: what the append answered. */
export interface RecordedAppend {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
}

interface StoredEnvelope {
  readonly context: StoredContext;
  readonly globalPosition: number;
}

/**
 * Multi-stream appends accept metadata only as an object of strings; the envelope travels as JSON text in
 * `rapport`, with `$correlationId` / `$causationId` beside it for KurrentDB's own correlation projections.
 */
export function domainEvent(event: NewEvent, context: AppendContext, globalPosition: number): EventData {
  const envelope: StoredEnvelope = { context, globalPosition };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: { rapport: JSON.stringify(envelope), $correlationId: context.correlationId, $causationId: context.causationId },
  });
}

export function loggedEvent(logged: LoggedEvent): EventData {
  return jsonEvent({ id: nameBasedUuid(`rapport-log/${logged.eventId}`), type: LOGGED, data: logged as unknown as JSONType });
}

export function appendRecorded(key: string, result: RecordedAppend): EventData {
  return jsonEvent({ id: nameBasedUuid(`rapport-key/${key}`), type: APPEND_RECORDED, data: result as unknown as JSONType });
}

export function fromLog(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type !== LOGGED) return undefined;
  const logged = event.data as unknown as LoggedEvent;
  return recordedEvent(
    logged.type,
    logged.data,
    { eventId: logged.eventId, streamId: logged.streamId, streamVersion: logged.streamVersion, globalPosition: Number(event.revision) + 1 },
    logged.context,
  );
}

export function fromDomainStream(resolved: ResolvedEvent, streamId: string): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const envelope = envelopeOf(event.metadata);
  return recordedEvent(
    event.type,
    event.data,
    { eventId: event.id, streamId, streamVersion: Number(event.revision) + 1, globalPosition: envelope.globalPosition },
    envelope.context,
  );
}

export const appendResultOf = (recorded: RecordedAppend): AppendResult => ({
  streamVersion: recorded.streamVersion,
  firstPosition: recorded.firstPosition,
  lastPosition: recorded.lastPosition,
  duplicate: true,
});

/** The metadata as the server gives it back: parsed JSON (the usual case) or raw bytes. */
function envelopeOf(metadata: unknown): StoredEnvelope {
  const object = metadata instanceof Uint8Array ? (JSON.parse(Buffer.from(metadata).toString('utf8')) as unknown) : metadata;
  const raw = (object as { rapport?: unknown } | undefined)?.rapport;
  if (raw === undefined) throw new Error('event without the rapport envelope in its metadata: not written by this adapter');
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as StoredEnvelope;
}
