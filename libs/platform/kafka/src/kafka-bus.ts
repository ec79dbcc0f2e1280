import {
  deadLetterTopic,
  type ConsumerOptions,
  type MessageBus,
  type OutgoingMessage,
  type TopicSpec,
} from '@rapport/platform-messaging';
import { platformLogger } from '@rapport/platform-eventsourcing';
import { withProducerSpans, type PartitionLag } from '@rapport/platform-observability';
import { toBinaryRecord, type ProducedRecord } from './cloud-events-binary';
import type { KafkaBusConfig } from './kafka-bus.config';
import { describeError, kafkaClient, type ClientAdmin, type ClientProducer } from './kafka-client';
import { consumerLag } from './consumer-lag';
import { KafkaSubscription } from './kafka-subscription';

/**
 * The distributed-mode bus: integration events as CloudEvents (binary mode) on Kafka topics, one topic per
 * producing service, keyed by the entity id so one customer's events keep their order.
 *
 * `publish` resolves only when the broker acknowledged every record (idempotent producer, acks from all in-sync
 * replicas); consumers commit after handling (see {@link KafkaSubscription}). At-least-once end to end;
 * consumers de-duplicate by CloudEvent id above the bus (TopicProjectionRunner).
 */
export class KafkaBus implements MessageBus {
  private producerClient: ClientProducer | undefined;
  private adminClient: ClientAdmin | undefined;
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** Every group this bus consumed with, and its topics: what {@link consumerLag} reports on. */
  private readonly groups = new Map<string, Set<string>>();
  private readonly pending: { records: ProducedRecord[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private closing = false;
  private closed = false;

  constructor(readonly config: KafkaBusConfig) {}

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (this.closed) throw new Error('the Kafka bus is closed');
    // Producer spans; each record leaves with its own span's W3C context in the `traceparent` header.
    await withProducerSpans(messages, async (traced) => {
      const records = traced.map(toBinaryRecord);
      await new Promise<void>((resolve, reject) => {
        this.pending.push({ records, resolve, reject });
        this.startFlush();
      });
    });
  }

  private startFlush(): void {
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
      if (this.pending.length > 0) this.startFlush();
    });
  }

  /**
   * One produce request in flight at a time; publishes that arrive meanwhile go out together in the next one.
   * The client's idempotent producer advances its sequence numbers only when a response arrives, so two requests
   * in flight to one partition would carry the same sequence and the broker refuses the second
   * (OUT_OF_ORDER_SEQUENCE_NUMBER). Requests are sent in call order, so a caller's order is kept.
   */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const waiting = this.pending.splice(0, this.pending.length);
      const records = waiting.flatMap((publish) => publish.records);
      let sent = 0;
      let settled = 0;
      let settledRecords = 0;
      const settle = (): void => {
        while (settled < waiting.length && settledRecords + waiting[settled]!.records.length <= sent) {
          settledRecords += waiting[settled]!.records.length;
          waiting[settled++]!.resolve();
        }
      };
      try {
        for (const chunk of chunks(records, this.config.maxRequestBytes ?? 512 * 1024)) {
          await this.send(chunk);
          sent += chunk.length;
          settle();
        }
      } catch (error) {
        for (; settled < waiting.length; settled++) waiting[settled]!.reject(error);
      }
    }
  }

  private async send(records: ProducedRecord[]): Promise<void> {
    const producer = this.producer();
    try {
      await producer.send({ messages: records });
    } catch (error) {
      // After a failed request the client's sequence numbers may no longer match the broker's, and it does not
      // recover by itself: the next publish starts a new producer (new producer id, clean sequences). A record
      // the broker did get may then be written twice: at-least-once, consumers de-duplicate by event id.
      if (this.producerClient === producer) {
        this.producerClient = undefined;
        void producer.close().catch(() => undefined);
      }
      throw error;
    }
  }

  async subscribe(options: ConsumerOptions): Promise<KafkaSubscription> {
    if (this.closing) throw new Error('the Kafka bus is closed');
    const topics = this.groups.get(options.groupId) ?? new Set<string>();
    for (const topic of options.topics) topics.add(topic);
    this.groups.set(options.groupId, topics);
    const subscription = await KafkaSubscription.start(this.config, options, (messages) => this.publish(messages));
    for (const stopped of [...this.subscriptions].filter((s) => s.isStopped)) this.subscriptions.delete(stopped);
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Creates the topics that do not exist yet, and for each one its dead-letter topic (same partitions and
   * replication) unless the list names it, then waits until every partition has a leader.
   */
  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    const wanted = new Map<string, Required<TopicSpec>>();
    const add = (spec: TopicSpec): void => {
      if (wanted.has(spec.name)) return;
      wanted.set(spec.name, {
        name: spec.name,
        partitions: spec.partitions ?? this.config.defaultPartitions ?? 3,
        replicationFactor: spec.replicationFactor ?? this.config.defaultReplicationFactor ?? 1,
      });
    };
    for (const spec of topics) add(spec);
    for (const spec of topics) if (!spec.name.endsWith('.dlq')) add({ ...spec, name: deadLetterTopic(spec.name) });

    const admin = this.admin();
    const existing = new Set(await admin.listTopics());
    const missing = [...wanted.values()].filter((spec) => !existing.has(spec.name));
    for (const spec of missing) {
      try {
        await admin.createTopics({ topics: [spec.name], partitions: spec.partitions, replicas: spec.replicationFactor });
      } catch (error) {
        // Another service instance may have created it in the meantime.
        if (!(await admin.listTopics()).includes(spec.name)) throw error;
      }
    }
    if (missing.length > 0) await this.waitForLeaders(missing.map((spec) => spec.name));
  }

  /** Lag per group and partition of the groups this bus consumes with (partitions never committed on included). */
  consumerLag(): Promise<PartitionLag[]> {
    return consumerLag(this.admin(), this.groups);
  }

  /**
   * Whether a broker answers a metadata request now (for `/ready`'s `engine:kafka`). Bounded: an unreachable
   * broker makes the client retry, and readiness must answer promptly.
   */
  async reachable(timeoutMs = 2_000): Promise<boolean> {
    if (this.closing) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      const answered = this.admin().metadata({ topics: [] }).then(() => true, () => false);
      return await Promise.race([answered, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    // Subscriptions first: a message being handled may still park on the dead-letter topic through the producer.
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.flushing;
    this.closed = true;
    const clients = [this.producerClient, this.adminClient];
    this.producerClient = undefined;
    this.adminClient = undefined;
    for (const client of clients) await client?.close().catch((error: unknown) => this.log.warn(`closing a Kafka client failed: ${describeError(error)}`));
  }

  private get log(): Pick<Console, 'warn' | 'error'> {
    return this.config.logger ?? platformLogger('kafka');
  }

  private producer(): ClientProducer {
    if (this.closed) throw new Error('the Kafka bus is closed');
    if (!this.producerClient) {
      const { Producer, stringSerializers, compatibilityPartitioner } = kafkaClient();
      this.producerClient = new Producer({
        clientId: this.config.clientId,
        bootstrapBrokers: [...this.config.brokers],
        ...this.config.connection,
        serializers: stringSerializers,
        // Broker-side de-duplication of retried batches, and an acknowledgement only once all in-sync replicas have them.
        idempotent: true,
        acks: -1,
        // Java's partitioner (murmur2 & 0x7fffffff): the same key lands on the same partition as with any other client.
        partitioner: compatibilityPartitioner,
        autocreateTopics: false,
        retries: this.config.retries ?? 5,
        retryDelay: this.config.retryDelayMs ?? 1_000,
      });
      this.producerClient.on('error', (error: unknown) => this.log.warn(`Kafka producer: ${describeError(error)}`));
    }
    return this.producerClient;
  }

  private admin(): ClientAdmin {
    if (!this.adminClient) {
      const { Admin } = kafkaClient();
      this.adminClient = new Admin({ clientId: this.config.clientId, bootstrapBrokers: [...this.config.brokers], ...this.config.connection });
    }
    return this.adminClient;
  }

  private async waitForLeaders(topics: readonly string[], timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const metadata = await this.admin().metadata({ topics: [...topics], forceUpdate: true });
        const ready = topics.every((name) => metadata.topics.get(name)?.partitions.every((partition) => partition.leader >= 0));
        if (ready) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics without a leader after ${timeoutMs} ms: ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Splits records into produce requests of at most about `maxBytes` (a single larger record goes alone). */
function* chunks(records: readonly ProducedRecord[], maxBytes: number): Generator<ProducedRecord[]> {
  let chunk: ProducedRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    let size = Buffer.byteLength(record.key) + Buffer.byteLength(record.value) + 70;
    for (const name in record.headers) size += name.length + Buffer.byteLength(record.headers[name]!) + 2;
    if (chunk.length > 0 && bytes + size > maxBytes) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(record);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
