import {
  AppendSignal,
  assertDistinctStreams,
  assertExpectedVersion,
  ConcurrencyError,
  duplicateByEventIds,
  pollingSubscriptions,
  singleResult,
  summarise,
  type AppendManyOptions,
  type AppendManyResult,
  type AppendOptions,
  type AppendResult,
  type DomainEvent,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEventRef,
  type StreamAppend,
  type SubscribeOptions,
  type Unsubscribe,
} from '@rapport/platform-eventsourcing';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  type AllStreamSubscription,
  type AppendStreamRequest,
  type ReadStreamOptions as KurrentReadOptions,
} from '@kurrent/kurrentdb-client';
import { classify, expectedStateOf, portError } from './kurrentdb-errors';
import {
  assertIncreasing,
  commandMarker,
  domainEvent,
  eventMarker,
  fromStored,
  namesFor,
  positionOf,
  streamFilterOf,
  type Names,
  type StoredEvent,
} from './kurrentdb-records';

export interface KurrentDbEventStoreOptions {
  /** Prefix of every stream this store writes (tests isolate with a fresh one). Default none. */
  readonly namespace?: string;
  /** Polling fallback of live subscriptions (default 250 ms); a live `$all` subscription wakes them sooner. */
  readonly pollIntervalMs?: number;
  /** How long after a dropped wake-up subscription it is opened again (default 1 s). */
  readonly resubscribeDelayMs?: number;
}

/**
 * The event store on KurrentDB (≥ 25.1, for atomic multi-stream appends). An append is one multi-stream
 * append, with no read before it: the events to their streams (server-checked expected revisions) and small
 * markers for the command id and for each event id (expected state "no stream"). A marker that exists
 * already means a retry (the original result, `duplicate: true`) or an event-id conflict. Global positions
 * are `$all` commit positions: readAll and subscriptions read `$all` with a server-side filter on this
 * namespace's stream names. Server faults reach callers as the port's errors (ADR 0006).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly names: Names;
  private readonly signal = new AppendSignal();
  private readonly polling: Pick<EventStore, 'subscribeToAll' | 'subscribeToStream'>;
  private readonly subscriptions = new Set<Unsubscribe>();
  private live: AllStreamSubscription | undefined;
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

  async append<E extends DomainEvent>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions): Promise<AppendResult> {
    return singleResult(await this.appendMany([{ streamId, events, expectedVersion: options.expectedVersion }], { context: options.context }));
  }

  async appendMany(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    assertDistinctStreams(appends.map((a) => a.streamId));
    const written = appends.filter((a) => a.events.length > 0);
    if (written.length === 0) return this.checkOnly(appends, options);
    const commandId = options.context.commandId;
    // A stream with nothing to write but an expectation needs a read (multi-stream appends check written streams only).
    if (appends.some((a) => a.events.length === 0 && a.expectedVersion !== 'any')) return this.checkOnly(appends, options);
    const noStream = 'no_stream' as const;
    const requests: AppendStreamRequest[] = [
      ...written.map((a) => ({
        streamName: this.names.stream(a.streamId),
        expectedState: expectedStateOf(a.expectedVersion),
        events: a.events.map((e) => domainEvent(e, options.context)),
      })),
      ...(commandId === undefined ? [] : [{ streamName: this.names.command(commandId), expectedState: noStream, events: [commandMarker(this.names, commandId)] }]),
      ...written.flatMap((a) =>
        a.events.map((e) => ({ streamName: this.names.event(e.eventId), expectedState: noStream, events: [eventMarker(this.names, { eventId: e.eventId, streamId: a.streamId })] })),
      ),
    ];
    try {
      const result = await this.client.multiStreamAppend(requests);
      const revisions = new Map(result.responses.map((r) => [r.streamName, Number(r.revision)]));
      const streams = await Promise.all(
        appends.map(async (a) => {
          if (a.events.length === 0) return { streamId: a.streamId, streamVersion: await this.versionOf(a.streamId), firstPosition: 0, lastPosition: 0, duplicate: false };
          const version = revisions.get(this.names.stream(a.streamId))! + 1;
          return { ...(await this.positionsOf(a.streamId, version - a.events.length + 1, a.events.length)), duplicate: false };
        }),
      );
      this.signal.notify();
      return summarise(streams, false);
    } catch (error) {
      const c = classify(error);
      if (c.kind === 'unavailable') throw c.error;
      if (c.kind === 'other') throw portError(error);
      // Command id, then event ids, then expected versions: the order of the other adapters.
      const earlier = commandId === undefined ? undefined : await this.commandResult(commandId);
      if (earlier) return earlier;
      const duplicate = duplicateByEventIds(appends, await this.storedRefs(appends));
      if (duplicate) return duplicate;
      const streamId = this.names.streamIdOf(c.streamName) ?? c.streamName;
      throw new ConcurrencyError(streamId, c.expected, c.actual);
    }
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
    const events: RecordedEvent[] = [];
    for (const stored of await this.readRaw(this.names.stream(streamId), read)) {
      const event = fromStored(this.names, stored);
      if (event) events.push(event);
    }
    return events as RecordedEvent<E>[];
  }

  /** `$all` from a commit position, filtered on the server by stream name; the start position itself is skipped. */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    if (options.maxCount <= 0) return [];
    const after = Math.max(0, options.after);
    const out: RecordedEvent[] = [];
    try {
      const reading = this.client.readAll({
        direction: FORWARDS,
        fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
        filter: streamFilterOf(this.names, options.streamPrefixes),
        maxCount: options.maxCount + 1,
      });
      for await (const resolved of reading) {
        const event = resolved.event && fromStored(this.names, resolved.event as StoredEvent);
        if (!event || event.metadata.globalPosition <= after) continue;
        out.push(event);
        if (out.length === options.maxCount) break;
      }
    } catch (error) {
      throw portError(error);
    }
    assertIncreasing(out, after);
    return out;
  }

  async findCommand(commandId: string): Promise<(AppendResult & { streamId: string }) | undefined> {
    const result = await this.commandResult(commandId);
    const first = result?.streams[0];
    return first && { streamId: first.streamId, streamVersion: first.streamVersion, firstPosition: result.firstPosition, lastPosition: result.lastPosition, duplicate: true };
  }

  async headPosition(): Promise<number> {
    try {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        filter: streamFilterOf(this.names),
        maxCount: 1,
      })) {
        if (resolved.event) return positionOf(resolved.event);
      }
    } catch (error) {
      throw portError(error);
    }
    return 0;
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
    await this.client.dispose();
  }

  /** An append that writes nothing: only expectations to check, which needs the streams' versions. */
  private async checkOnly(appends: readonly StreamAppend[], options: AppendManyOptions): Promise<AppendManyResult> {
    if (appends.some((a) => a.events.length > 0)) {
      // Mixed: check the empty ones first (a read each), then append the rest. Not atomic for the empty
      // streams: a write between the check and the append goes unnoticed (said in ADR 0006).
      for (const a of appends.filter((x) => x.events.length === 0)) assertExpectedVersion(a.streamId, a.expectedVersion, await this.versionOf(a.streamId));
      const rest = await this.appendMany(appends.map((a) => (a.events.length === 0 ? { ...a, expectedVersion: 'any' as const } : a)), options);
      return rest;
    }
    const streams = await Promise.all(
      appends.map(async (a) => {
        const version = await this.versionOf(a.streamId);
        assertExpectedVersion(a.streamId, a.expectedVersion, version);
        return { streamId: a.streamId, streamVersion: version, firstPosition: 0, lastPosition: 0, duplicate: false };
      }),
    );
    return summarise(streams, false);
  }

  /** The result of a recorded command: its events sit just before its marker in `$all`. */
  private async commandResult(commandId: string): Promise<AppendManyResult | undefined> {
    const [marker] = await this.readRaw(this.names.command(commandId), { direction: FORWARDS, fromRevision: START, maxCount: 1 });
    if (!marker) return undefined;
    const events = await this.near(positionOf(marker), (e) => e.metadata.commandId === commandId);
    const streams = new Map<string, { streamId: string; streamVersion: number; firstPosition: number; lastPosition: number; duplicate: true }>();
    for (const e of events) {
      const s = streams.get(e.metadata.streamId);
      const p = e.metadata.globalPosition;
      if (s) streams.set(s.streamId, { ...s, streamVersion: Math.max(s.streamVersion, e.metadata.streamVersion), firstPosition: Math.min(s.firstPosition, p), lastPosition: Math.max(s.lastPosition, p) });
      else streams.set(e.metadata.streamId, { streamId: e.metadata.streamId, streamVersion: e.metadata.streamVersion, firstPosition: p, lastPosition: p, duplicate: true });
    }
    return summarise([...streams.values()].sort((a, b) => a.firstPosition - b.firstPosition), true);
  }

  /** Where the event ids of an append are stored: each marker names the stream; the event sits just before it. */
  private async storedRefs(appends: readonly StreamAppend[]): Promise<StoredEventRef[]> {
    const ids = appends.flatMap((a) => a.events.map((e) => e.eventId));
    const refs = await Promise.all(
      ids.map(async (eventId) => {
        const [marker] = await this.readRaw(this.names.event(eventId), { direction: FORWARDS, fromRevision: START, maxCount: 1 });
        if (!marker) return undefined;
        const [event] = await this.near(positionOf(marker), (e) => e.metadata.eventId === eventId);
        if (!event) return undefined;
        return { eventId, streamId: event.metadata.streamId, streamVersion: event.metadata.streamVersion, globalPosition: event.metadata.globalPosition };
      }),
    );
    return refs.filter((r): r is StoredEventRef => r !== undefined);
  }

  /**
   * The domain events of one atomic append, found from the position of one of its markers: reading `$all`
   * backwards from there (server-side filtered to this namespace), the matching events come first, together.
   */
  private async near(position: number, matches: (e: RecordedEvent) => boolean): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    try {
      const reading = this.client.readAll({
        direction: BACKWARDS,
        fromPosition: { commit: BigInt(position), prepare: BigInt(position) },
        filter: streamFilterOf(this.names),
        maxCount: 10_000,
      });
      for await (const resolved of reading) {
        const event = resolved.event && fromStored(this.names, resolved.event as StoredEvent);
        if (!event) continue;
        if (matches(event)) found.push(event);
        else if (found.length > 0) break;
      }
    } catch (error) {
      throw portError(error);
    }
    return found.reverse();
  }

  private async positionsOf(streamId: string, firstVersion: number, count: number): Promise<{ streamId: string; streamVersion: number; firstPosition: number; lastPosition: number }> {
    const events = await this.readStream(streamId, { fromVersion: firstVersion, maxCount: count });
    return {
      streamId,
      streamVersion: firstVersion + count - 1,
      firstPosition: events[0]?.metadata.globalPosition ?? 0,
      lastPosition: events.at(-1)?.metadata.globalPosition ?? 0,
    };
  }

  private async versionOf(streamId: string): Promise<number> {
    const [last] = await this.readRaw(this.names.stream(streamId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? Number(last.revision) + 1 : 0;
  }

  /** Reads a stream; a stream that does not exist reads as empty; server faults become the port's errors. */
  private async readRaw(streamName: string, options: KurrentReadOptions): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, options)) if (resolved.event) out.push(resolved.event as StoredEvent);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return out;
      throw portError(error);
    }
    return out;
  }

  private track(unsubscribe: Unsubscribe): Unsubscribe {
    this.follow();
    const tracked: Unsubscribe = async () => {
      this.subscriptions.delete(tracked);
      await unsubscribe();
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  /**
   * A live `$all` subscription (filtered to this namespace on the server) wakes the polling loops when any
   * process appends, so they follow even with polling effectively off. Dropped (server restart, leader
   * change), it is opened again after a delay, and the loops read once on the way (nothing is missed: they
   * always read "after their cursor").
   */
  private follow(): void {
    if (this.live || this.closed) return;
    const live = this.client.subscribeToAll({ fromPosition: END, filter: streamFilterOf(this.names, [], 1_000) });
    this.live = live;
    live.on('data', () => this.signal.notify());
    live.on('error', () => {
      if (this.live === live) this.live = undefined;
      if (this.closed) return;
      setTimeout(() => {
        if (this.subscriptions.size === 0 || this.closed) return;
        this.follow();
        this.signal.notify();
      }, this.options.resubscribeDelayMs ?? 1_000).unref();
    });
  }
}
