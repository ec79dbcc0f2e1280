import type { EventMetadata, RecordedEvent } from './envelope';
import { ConcurrencyError } from './errors';
import type { EventStore, ExpectedVersion, SubscribeOptions, Unsubscribe } from './event-store';
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
