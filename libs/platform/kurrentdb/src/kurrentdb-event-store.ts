import {
  AppendSignal,
  assertExpectedVersion,
  EventIdConflictError,
  EventStoreError,
  pollingSubscriptions,
  type AppendManyOptions,
  type AppendManyResult,
  type AppendOptions,
  type StreamAppend,
  type AppendResult,
  type DomainEvent,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Unsubscribe,
} from '@rapport/platform-eventsourcing';
import {
  AppendConsistencyViolationError,
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendStreamRequest,
  type ReadStreamOptions as KurrentReadOptions,
  type ResolvedEvent,
  type StreamSubscription,
} from '@kurrent/kurrentdb-client';
import {
  appendRecorded,
  appendResultOf,
  domainEvent,
  fromDomainStream,
  fromLog,
  loggedEvent,
  namesFor,
  type Names,
  type RecordedAppend,
} from './kurrentdb-records';

export interface KurrentDbEventStoreOptions {
  /** Prefix of every stream this store writes (tests isolate with a fresh one). Default none. */
  readonly namespace?: string;
  /** Polling fallback of live subscriptions (default 250 ms); a subscription to the order stream wakes them sooner. */
  readonly pollIntervalMs?: number;
  /** Optimistic attempts of one append against other writers of the order stream (default 200). */
  readonly maxAttempts?: number;
}

/**
 * The event store on KurrentDB (≥ 25.1, for atomic multi-stream appends). Each append writes, in one
 * multi-stream append: the events to their stream (server-checked expected revision), full copies to the
 * order stream `rapport-log` (server-checked expected revision: this serialises writers and makes the
 * port's dense global positions), and its result to key streams for command-id and event-id idempotency.
 * A writer that loses a race re-reads and tries again; a changed domain stream then answers with the
 * port's ConcurrencyError, a recorded command or event id with the original result (`duplicate: true`).
 * Reads of all events come from the order stream; `$all` is not used for them (ADR 0006 explains why).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly names: Names;
  private readonly signal = new AppendSignal();
  private readonly polling: Pick<EventStore, 'subscribeToAll' | 'subscribeToStream'>;
  private readonly subscriptions = new Set<Unsubscribe>();
  /** Appends of this process go one at a time: they all contend for the order stream anyway. */
  private queue: Promise<unknown> = Promise.resolve();
  private live: StreamSubscription | undefined;
  private closed = false;

  static open(connectionString: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  constructor(
    readonly client: KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.names = namesFor(options.namespace ?? '');
    this.polling = pollingSubscriptions(this, this.signal, options.pollIntervalMs ?? 250);
  }

  append<E extends DomainEvent>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions): Promise<AppendResult> {
    const next = this.queue.then(() => this.appendWithRetries(streamId, events, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    throw new EventStoreError(`multi-stream append of ${appends.length} streams (${options.context.correlationId}): not yet on KurrentDB`);
  }

  async readStream<E extends DomainEvent = DomainEvent>(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent<E>[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromVersion;
    if (options.maxCount === 0 || (backwards && from !== undefined && from < 1)) return [];
    // Version v is revision v - 1.
    const read: KurrentReadOptions = {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? (backwards ? END : START) : from < 1 ? START : BigInt(from - 1),
      ...(options.maxCount !== undefined && options.maxCount > 0 ? { maxCount: options.maxCount } : {}),
    };
    const events = await this.collect(this.names.stream(streamId), read, (e) => fromDomainStream(e, streamId));
    return events as RecordedEvent<E>[];
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    if (options.maxCount <= 0) return [];
    const prefixes = options.streamPrefixes ?? [];
    const wanted = (e: RecordedEvent): boolean => prefixes.length === 0 || prefixes.some((p) => e.metadata.streamId.startsWith(p));
    const page = prefixes.length ? Math.max(options.maxCount, 500) : options.maxCount;
    const result: RecordedEvent[] = [];
    let after = Math.max(0, options.after);
    for (;;) {
      // Position p is revision p - 1 of the order stream: "after p" starts at revision p.
      const batch = await this.collect(this.names.log, { direction: FORWARDS, fromRevision: BigInt(after), maxCount: page }, fromLog);
      for (const e of batch) if (wanted(e) && result.length < options.maxCount) result.push(e);
      if (batch.length < page || result.length >= options.maxCount) return result;
      after = batch[batch.length - 1]!.metadata.globalPosition;
    }
  }

  async findCommand(commandId: string): Promise<(AppendResult & { streamId: string }) | undefined> {
    const recorded = await this.readKey(this.names.command(commandId));
    return recorded && { ...appendResultOf(recorded), streamId: recorded.streamId };
  }

  async headPosition(): Promise<number> {
    const last = await this.lastRevision(this.names.log);
    return last === undefined ? 0 : Number(last) + 1;
  }

  subscribeToAll(options: SubscribeOptions): Unsubscribe {
    return this.track(this.polling.subscribeToAll(options));
  }

  subscribeToStream(streamId: string, options: Omit<SubscribeOptions, 'streamPrefixes'>): Unsubscribe {
    return this.track(this.polling.subscribeToStream(streamId, options));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((unsubscribe) => unsubscribe()));
    await this.live?.unsubscribe().catch(() => undefined);
    await this.queue;
    await this.client.dispose();
  }

  private async appendWithRetries(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const maxAttempts = this.options.maxAttempts ?? 200;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.appendOnce(streamId, events, options);
        if (!result.duplicate && events.length > 0) this.signal.notify();
        return result;
      } catch (error) {
        const lostRace = error instanceof WrongExpectedVersionError || error instanceof AppendConsistencyViolationError;
        if (!lostRace) throw error;
        if (attempt >= maxAttempts) throw new EventStoreError(`append to ${streamId}: still contended after ${attempt} attempts`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  }

  /** The SQLite store's order of checks; then one atomic multi-stream append whose preconditions are the reads. */
  private async appendOnce(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const commandId = options.context.commandId;
    if (commandId !== undefined) {
      const earlier = await this.readKey(this.names.command(commandId));
      if (earlier) return appendResultOf(earlier);
    }
    const streamName = this.names.stream(streamId);
    const revision = await this.lastRevision(streamName);
    const current = revision === undefined ? 0 : Number(revision) + 1;
    if (events.length === 0) {
      assertExpectedVersion(streamId, options.expectedVersion, current);
      return { streamVersion: current, firstPosition: 0, lastPosition: 0, duplicate: false };
    }
    const appendKey = this.names.append(events[0]!.eventId);
    const seen = await this.readKey(appendKey);
    if (seen) {
      if (seen.streamId !== streamId) throw new EventIdConflictError(events[0]!.eventId);
      return appendResultOf(seen);
    }
    assertExpectedVersion(streamId, options.expectedVersion, current);

    const logRevision = await this.lastRevision(this.names.log);
    const firstPosition = (logRevision === undefined ? 0 : Number(logRevision) + 1) + 1;
    const result: RecordedAppend = {
      streamId,
      streamVersion: current + events.length,
      firstPosition,
      lastPosition: firstPosition + events.length - 1,
    };
    const requests: AppendStreamRequest[] = [
      {
        streamName,
        expectedState: revision ?? NO_STREAM,
        events: events.map((e, i) => domainEvent(e, options.context, firstPosition + i)),
      },
      {
        streamName: this.names.log,
        expectedState: logRevision ?? NO_STREAM,
        events: events.map((e, i) =>
          loggedEvent({ streamId, streamVersion: current + i + 1, eventId: e.eventId, type: e.type, data: e.data, context: options.context }),
        ),
      },
      { streamName: appendKey, expectedState: NO_STREAM, events: [appendRecorded(appendKey, result)] },
    ];
    if (commandId !== undefined) {
      const commandKey = this.names.command(commandId);
      requests.push({ streamName: commandKey, expectedState: NO_STREAM, events: [appendRecorded(commandKey, result)] });
    }
    await this.client.multiStreamAppend(requests);
    return { streamVersion: result.streamVersion, firstPosition: result.firstPosition, lastPosition: result.lastPosition, duplicate: false };
  }

  private async readKey(streamName: string): Promise<RecordedAppend | undefined> {
    const [first] = await this.collect(streamName, { direction: FORWARDS, fromRevision: START, maxCount: 1 }, (e) => e.event?.data as RecordedAppend | undefined);
    return first;
  }

  private async lastRevision(streamName: string): Promise<bigint | undefined> {
    const [last] = await this.collect(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }, (e) => e.event?.revision);
    return last;
  }

  /** Reads a stream; a stream that does not exist reads as empty. */
  private async collect<T>(streamName: string, options: KurrentReadOptions, map: (e: ResolvedEvent) => T | undefined): Promise<T[]> {
    const out: T[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, options)) {
        const value = map(resolved);
        if (value !== undefined) out.push(value);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return out;
      throw error;
    }
    return out;
  }

  private track(unsubscribe: Unsubscribe): Unsubscribe {
    this.followOrderStream();
    const tracked: Unsubscribe = async () => {
      this.subscriptions.delete(tracked);
      await unsubscribe();
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  /** A live subscription to the order stream wakes the polling loops when any process appends. */
  private followOrderStream(): void {
    if (this.live || this.closed) return;
    const live = this.client.subscribeToStream(this.names.log, { fromRevision: END });
    this.live = live;
    live.on('data', () => this.signal.notify());
    live.on('error', () => {
      // Polling keeps the loops going; follow again a little later.
      if (this.live === live) this.live = undefined;
      if (!this.closed) setTimeout(() => this.subscriptions.size && this.followOrderStream(), 1_000).unref();
    });
  }
}
