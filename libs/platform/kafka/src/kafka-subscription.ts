import { platformLogger } from '@rapport/platform-eventsourcing';
import { deliverWithRetry, type Consumer, type ConsumerOptions, type DeliveryOutcome, type IncomingMessage, type OutgoingMessage } from '@rapport/platform-messaging';
import { decodeHeaders, fromRecord } from './cloud-events-binary';
import { CONSUMER_DEFAULTS, type KafkaBusConfig, type KafkaConsumerTuning } from './kafka-bus.config';
import { describeError, forceClose, kafkaClient, type ClientConsumer, type ClientMessage, type ClientStream } from './kafka-client';
import { rawDeadLetter } from './raw-dead-letter';

/** The messages of one partition, handled one after the other (Kafka's order is per partition). */
interface Lane {
  readonly queue: ClientMessage[];
  active: boolean;
  done: Promise<void>;
  /** The last handled record whose offset is not committed yet. */
  uncommitted: ClientMessage | undefined;
  sinceCommit: number;
  /** The offset after the last one handled here: lower offsets come again only when the client re-fetches. */
  next: bigint;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * One consumer-group member. Delivery contract (docs/adr/0004):
 * - partitions are handled in parallel, the messages of one partition strictly one after the other;
 * - an offset is committed (as `offset + 1`) only after its message was handled or parked on the dead-letter
 *   topic, at the latest every `commitEvery` messages and whenever a partition runs idle, and on stop;
 * - a record that is not a valid CloudEvent is parked at once with the raw value and headers; a failing handler
 *   goes through {@link deliverWithRetry} (backoff, then the dead-letter topic);
 * - heartbeats run on the client's own timer, so a handler may take longer than the session timeout;
 * - when the stream fails (broker gone), unhandled fetched messages are dropped and the member reconnects with
 *   backoff, resuming from the committed offsets: at-least-once, never a skipped message.
 */
export class KafkaSubscription implements Consumer {
  private readonly abort = new AbortController();
  private readonly tuning: Required<KafkaConsumerTuning>;
  private readonly log: Pick<Console, 'warn' | 'error'>;
  private client: ClientConsumer | undefined;
  private stream: ClientStream | undefined;
  private readonly lanes = new Map<string, Lane>();
  private buffered = 0;
  private paused = false;
  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  /** Group joins so far (1 after a quiet life; more after rebalances or reconnects). */
  joins = 0;

  static async start(
    config: KafkaBusConfig,
    options: ConsumerOptions,
    publish: (messages: readonly OutgoingMessage[]) => Promise<void>,
  ): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(config, options, publish);
    await subscription.connect();
    subscription.loop = subscription.run();
    return subscription;
  }

  private constructor(
    private readonly config: KafkaBusConfig,
    private readonly options: ConsumerOptions,
    private readonly publish: (messages: readonly OutgoingMessage[]) => Promise<void>,
  ) {
    this.tuning = { ...CONSUMER_DEFAULTS, ...config.consumer };
    this.log = config.logger ?? platformLogger('kafka');
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.abort.abort();
      await this.settle();
      await (this.client ? forceClose(this.client) : Promise.resolve()).catch((error: unknown) => this.log.warn(`consumer ${this.options.groupId}: close failed: ${describeError(error)}`));
      await this.loop;
    })();
    return this.stopping;
  }

  get isStopped(): boolean {
    return this.stopping !== undefined;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async connect(): Promise<void> {
    if (!this.client) {
      const { Consumer } = kafkaClient();
      const client: ClientConsumer = new Consumer({
        clientId: this.config.clientId,
        groupId: this.options.groupId,
        bootstrapBrokers: [...this.config.brokers],
        ...this.config.connection,
        retries: this.config.retries ?? 3,
        retryDelay: this.config.retryDelayMs ?? 1_000,
        sessionTimeout: this.tuning.sessionTimeoutMs,
        heartbeatInterval: this.tuning.heartbeatIntervalMs,
        rebalanceTimeout: this.tuning.rebalanceTimeoutMs,
        autocommit: false,
      });
      // An unhandled 'error' event would crash the process; the stream's own error drives the reconnect.
      client.on('error', (error: unknown) => this.log.warn(`consumer ${this.options.groupId}: ${describeError(error)}`));
      // After a (re)join the client fetches every assigned partition again from its committed offset. Fetched messages
      // already queued here are still handled, never dropped: the client may resume a partition past them (a fetch in
      // flight during the join moves its position on), so dropping them could skip messages. The cost is
      // duplicates after a rebalance, which consumers de-duplicate by event id.
      client.on('consumer:group:join', () => void this.joins++);
      this.client = client;
    }
    try {
      this.stream = await this.client.consume({
        topics: [...this.options.topics],
        autocommit: false,
        mode: 'committed',
        fallbackMode: 'earliest',
      });
    } catch (error) {
      const client = this.client;
      this.client = undefined;
      await forceClose(client).catch(() => undefined);
      throw error;
    }
  }

  private async run(): Promise<void> {
    let delay = this.tuning.reconnectDelayMs;
    while (!this.stopped) {
      const failure = await this.pump(this.stream!);
      if (this.stopped) return;
      this.log.warn(`consumer ${this.options.groupId}: stream ended (${describeError(failure)}); reconnecting from the committed offsets`);
      for (;;) {
        await sleep(delay, this.abort.signal);
        if (this.stopped) return;
        try {
          await this.connect();
          delay = this.tuning.reconnectDelayMs;
          break;
        } catch (error) {
          delay = Math.min(delay * 2, 5_000);
          this.log.warn(`consumer ${this.options.groupId}: reconnect failed (${describeError(error)}); next try in ${delay} ms`);
        }
      }
    }
  }

  /** Feeds the stream into the lanes; resolves (with the stream's error, if any) once it closed and the lanes settled. */
  private pump(stream: ClientStream): Promise<unknown> {
    return new Promise((resolve) => {
      let failure: unknown;
      stream.on('data', (record) => this.dispatch(stream, record));
      stream.once('error', (error) => (failure = error));
      stream.once('close', () => void this.settle().then(() => resolve(failure)));
      this.paused = false;
    });
  }

  private dispatch(stream: ClientStream, record: ClientMessage): void {
    if (this.stopped || stream !== this.stream) return;
    const key = `${record.topic}\u0000${record.partition}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { queue: [], active: false, done: Promise.resolve(), uncommitted: undefined, sinceCommit: 0, next: -1n };
      this.lanes.set(key, lane);
    }
    lane.queue.push(record);
    if (++this.buffered >= this.tuning.maxBufferedMessages && !this.paused) {
      this.paused = true;
      stream.pause();
    }
    if (!lane.active) {
      lane.active = true;
      lane.done = this.drain(lane);
    }
  }

  private async drain(lane: Lane): Promise<void> {
    try {
      while (lane.queue.length > 0 && !this.stopped) {
        const record = lane.queue.shift()!;
        if (record.offset < lane.next) {
          // After a rebalance the client fetches a partition again from its committed offset: what this lane
          // already handled is skipped, and never committed again (a lower commit would move the group back).
          this.release();
          continue;
        }
        const outcome = await this.deliver(record);
        this.release();
        if (outcome === 'abandoned') {
          // Stopping mid-retry: this offset and everything after it stay uncommitted and are redelivered.
          lane.queue.length = 0;
          break;
        }
        lane.next = record.offset + 1n;
        lane.uncommitted = record;
        if (lane.queue.length === 0 || ++lane.sinceCommit >= this.tuning.commitEvery) await this.commit(lane);
      }
    } catch (error) {
      // Not a handler error (those are retried or parked): a bug. Going on with the next message would commit past
      // this one, so the stream is ended instead, and the member resumes from the committed offsets.
      this.log.error(`consumer ${this.options.groupId}: unexpected failure; reconnecting`, error);
      lane.queue.length = 0;
      this.stream?.destroy(error as Error);
    } finally {
      lane.active = false;
    }
  }

  private release(): void {
    this.buffered = Math.max(0, this.buffered - 1);
    if (this.paused && this.buffered <= this.tuning.maxBufferedMessages / 2 && !this.stopped) {
      this.paused = false;
      this.stream?.resume();
    }
  }

  /** Handles or parks one record. Returns `abandoned` only when stopping; the caller commits the others. */
  private async deliver(record: ClientMessage): Promise<DeliveryOutcome> {
    const headers = decodeHeaders(record.headers);
    let message: IncomingMessage | undefined;
    let unreadable: unknown;
    try {
      message = {
        topic: record.topic,
        partition: record.partition,
        offset: Number(record.offset),
        key: record.key ? record.key.toString('utf8') : '',
        event: fromRecord(record.value, headers),
      };
    } catch (error) {
      unreadable = error;
    }
    for (;;) {
      try {
        if (message) return await deliverWithRetry(message, this.options, this.publish, this.abort.signal);
        await this.publish([rawDeadLetter(record, headers, this.options.groupId, unreadable)]);
        return 'parked';
      } catch (error) {
        // Handler errors never get here (deliverWithRetry parks them): the dead-letter publish failed. Never
        // commit past a message that is neither handled nor parked: try again until the broker is back.
        this.log.warn(`consumer ${this.options.groupId}: could not park ${record.topic}/${record.partition}@${record.offset} (${describeError(error)}); retrying`);
        await sleep(1_000, this.abort.signal);
        if (this.stopped) return 'abandoned';
      }
    }
  }

  private async commit(lane: Lane): Promise<void> {
    const record = lane.uncommitted;
    if (!record) return;
    lane.uncommitted = undefined;
    lane.sinceCommit = 0;
    // Handled after the partition moved to another member (it was fetched before the rebalance): the new owner
    // starts from the last commit and handles it again; committing here could move its progress back.
    const assigned = this.client?.assignments?.some((a) => a.topic === record.topic && a.partitions.includes(record.partition));
    if (!assigned) return;
    try {
      await record.commit();
    } catch (error) {
      // Rebalanced away or broker gone: the handled messages since the last commit will be delivered again.
      this.log.warn(`consumer ${this.options.groupId}: commit of ${record.topic}/${record.partition}@${record.offset + 1n} failed (${describeError(error)})`);
    }
  }

  /** Drops fetched messages no lane started (they are fetched again from the committed offset), waits for the
   * messages being handled, and commits what was handled. */
  private async settle(): Promise<void> {
    const lanes = [...this.lanes.values()];
    for (const lane of lanes) lane.queue.length = 0;
    await Promise.allSettled(lanes.map((lane) => lane.done));
    await Promise.all(lanes.map((lane) => this.commit(lane)));
    for (const [key, lane] of this.lanes) if (lanes.includes(lane)) this.lanes.delete(key);
    this.buffered = 0;
  }
}
