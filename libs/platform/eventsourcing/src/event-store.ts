import type { AppendContext, DomainEvent, NewEvent, RecordedEvent } from './envelope';

/**
 * `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must.
 * A number: the stream must have exactly that many events.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  readonly context: AppendContext;
}

export interface AppendResult {
  /** The stream's version after the append: the number of events it holds. */
  readonly streamVersion: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
  /** True when this append had happened before (same command id or same event ids): nothing was written. */
  readonly duplicate: boolean;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend<E extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  readonly events: readonly NewEvent<E>[];
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendManyOptions {
  readonly context: AppendContext;
}

export interface AppendManyResult {
  /** One per stream, in the order asked for. */
  readonly streams: readonly (AppendResult & { readonly streamId: string })[];
  /** The first and last global positions written by the whole call (0 when it wrote nothing). */
  readonly firstPosition: number;
  readonly lastPosition: number;
  /** True when this append had happened before (same command id or same event ids): nothing was written. */
  readonly duplicate: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to 1; backwards to the last event. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a global position greater than this. 0 reads from the start. */
  readonly after: number;
  readonly maxCount: number;
  /** Only events of streams whose id starts with one of these. */
  readonly streamPrefixes?: readonly string[];
}

export interface Unsubscribe {
  (): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive start position (the subscriber's checkpoint); 0 = from the beginning. */
  readonly after: number;
  /** Called with batches in global order; the next batch is read only after the promise resolves. */
  readonly onEvents: (events: readonly RecordedEvent[]) => Promise<void>;
  readonly onError?: (error: unknown) => void;
  readonly batchSize?: number;
  /** Only events of streams whose id starts with one of these. */
  readonly streamPrefixes?: readonly string[];
}

/**
 * The one port every event-store adapter implements (SQLite, PostgreSQL, KurrentDB).
 * The shared conformance suite in `@rapport/platform-testing` is the definition of "implements".
 *
 * Global positions: strictly increasing in commit order, and a reader that reads "after p" in order can
 * never skip an event that commits later with a lower position. That, not density, is what readers rely on.
 * SQLite and PostgreSQL happen to hand out dense positions (1, 2, 3 ...); KurrentDB's are its `$all` commit
 * positions, which leave gaps. Nothing may compute a position (p + 1) or count events by subtracting them.
 */
export interface EventStore {
  /**
   * Appends atomically. Idempotent: an append whose command id was seen, or whose event ids are all
   * already stored in this stream, returns the original result with `duplicate: true` — also after a restart.
   * @throws ConcurrencyError when the expected version does not hold.
   * @throws EventIdConflictError when some (not all) of the event ids are stored, or stored in another stream.
   */
  append<E extends DomainEvent>(
    streamId: string,
    events: readonly NewEvent<E>[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Appends to several streams, each with its own expected version, all or nothing: one wrong expected
   * version (or one conflicting event id) and no stream gets any event. Idempotent like `append`: the
   * command id is recorded once for the whole call (`findCommand` names the first stream), and a call
   * whose event ids are all stored where it asks answers the original result with `duplicate: true`.
   * A stream may appear only once per call.
   * @throws ConcurrencyError naming the first stream whose expected version does not hold.
   */
  appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult>;
  readStream<E extends DomainEvent = DomainEvent>(
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<RecordedEvent<E>[]>;
  /** Events in global order; never skips an event that commits later with a lower position. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The result of an earlier command, if one with this id was appended. */
  findCommand(commandId: string): Promise<AppendResult & { streamId: string } | undefined>;
  /** The highest committed global position (0 when empty). Not a count of events (see above). */
  headPosition(): Promise<number>;
  /** Catch up from `after`, then follow live appends; no loss and no duplicate at the hand-over. */
  subscribeToAll(options: SubscribeOptions): Unsubscribe;
  /** The same for one stream; `after` is a stream version. */
  subscribeToStream(streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe;
  close(): Promise<void>;
}
