import type { EventMetadata, RecordedEvent } from './envelope';
import { ConcurrencyError, EventIdConflictError, EventStoreError } from './errors';
import type {
  AppendManyResult,
  AppendResult,
  EventStore,
  ExpectedVersion,
  StreamAppend,
  SubscribeOptions,
  Unsubscribe,
} from './event-store';
import { startPollingLoop, type AppendSignal } from './subscription';

/** Shared by event-store adapters, so every engine applies the port's rules the same way. */

/** @throws ConcurrencyError when the stream's actual version does not satisfy the expectation. */
export function assertExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 0) ||
    (expected === 'stream_exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new ConcurrencyError(streamId, expected, actual);
}

/** The metadata an adapter stores once per append (everything but ids, versions and positions). */
export type StoredContext = Omit<EventMetadata, 'eventId' | 'streamId' | 'streamVersion' | 'globalPosition'>;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Builds a recorded event. This is the hot path of every rebuild, so the metadata always gets one fixed
 * object shape (no spreads, optional fields only when present).
 */
export function recordedEvent(
  type: string,
  data: unknown,
  ids: { readonly eventId: string; readonly streamId: string; readonly streamVersion: number; readonly globalPosition: number },
  c: StoredContext,
): RecordedEvent {
  const metadata: Writable<EventMetadata> = {
    eventId: ids.eventId,
    streamId: ids.streamId,
    streamVersion: ids.streamVersion,
    globalPosition: ids.globalPosition,
    recordedAt: c.recordedAt,
    actor: c.actor,
    via: c.via,
    correlationId: c.correlationId,
    causationId: c.causationId,
  };
  if (c.commandId !== undefined) metadata.commandId = c.commandId;
  if (c.reason !== undefined) metadata.reason = c.reason;
  if (c.traceparent !== undefined) metadata.traceparent = c.traceparent;
  if (c.tracestate !== undefined) metadata.tracestate = c.tracestate;
  return { type, data, metadata };
}

/** Subscriptions over an adapter's own reads: one polling loop each, woken early by local appends. */
export function pollingSubscriptions(
  store: Pick<EventStore, 'readAll' | 'readStream'>,
  signal: AppendSignal,
  pollIntervalMs: number,
): Pick<EventStore, 'subscribeToAll' | 'subscribeToStream'> {
  return {
    subscribeToAll: (options: SubscribeOptions): Unsubscribe => {
      const batchSize = options.batchSize ?? 500;
      const streamPrefixes = options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : {};
      return startPollingLoop({
        read: (after) => store.readAll({ after, maxCount: batchSize, ...streamPrefixes }),
        cursorOf: (event) => event.metadata.globalPosition,
        after: options.after,
        onEvents: options.onEvents,
        ...(options.onError ? { onError: options.onError } : {}),
        signal,
        pollIntervalMs,
      });
    },
    subscribeToStream: (streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe => {
      const batchSize = options.batchSize ?? 500;
      return startPollingLoop({
        read: (after) => store.readStream(streamId, { fromVersion: after + 1, maxCount: batchSize }),
        cursorOf: (event) => event.metadata.streamVersion,
        after: options.after,
        onEvents: options.onEvents,
        ...(options.onError ? { onError: options.onError } : {}),
        signal,
        pollIntervalMs,
      });
    },
  };
}

/** Refuses a multi-stream append that names one stream twice (its expected versions would contradict). */
export function assertDistinctStreams(streamIds: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of streamIds) {
    if (seen.has(id)) throw new EventStoreError(`stream ${id} appears twice in one multi-stream append`);
    seen.add(id);
  }
}

/** What one stored event says about where an earlier append put it. */
export interface StoredEventRef {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
}

/**
 * Event-id idempotency over every event of an append, not just the first: none stored → a new append
 * (`undefined`); all stored, each in the stream it is asked for → the original result, rebuilt from them;
 * anything else → EventIdConflictError naming the first offending id.
 */
export function duplicateByEventIds(appends: readonly StreamAppend[], stored: readonly StoredEventRef[]): AppendManyResult | undefined {
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((s) => [s.eventId, s]));
  for (const a of appends) {
    for (const e of a.events) {
      const s = byId.get(e.eventId);
      if (!s || s.streamId !== a.streamId) throw new EventIdConflictError(s ? e.eventId : (stored[0]?.eventId ?? e.eventId));
    }
  }
  const streams = appends.map((a) => {
    const mine = a.events.map((e) => byId.get(e.eventId)!);
    return {
      streamId: a.streamId,
      streamVersion: Math.max(0, ...mine.map((s) => s.streamVersion)),
      firstPosition: mine.length ? Math.min(...mine.map((s) => s.globalPosition)) : 0,
      lastPosition: mine.length ? Math.max(...mine.map((s) => s.globalPosition)) : 0,
      duplicate: true,
    };
  });
  return summarise(streams, true);
}

/** The whole call's result from its streams' results. */
export function summarise(streams: readonly (AppendResult & { readonly streamId: string })[], duplicate: boolean): AppendManyResult {
  const written = streams.filter((s) => s.lastPosition > 0);
  return {
    streams,
    firstPosition: written.length ? Math.min(...written.map((s) => s.firstPosition)) : 0,
    lastPosition: written.length ? Math.max(...written.map((s) => s.lastPosition)) : 0,
    duplicate,
  };
}

/** `append` as a one-stream `appendMany`, for adapters that implement only the latter. */
export function singleResult(result: AppendManyResult): AppendResult {
  const only = result.streams[0]!;
  return { streamVersion: only.streamVersion, firstPosition: only.firstPosition, lastPosition: only.lastPosition, duplicate: result.duplicate };
}
