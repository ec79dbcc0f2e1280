import { KafkaBus, kafkaClient, type KafkaBusConfig } from '@rapport/platform-kafka';
import { deadLetterTopic, InProcessBus } from '@rapport/platform-messaging';
import { hasConsumerLag, hasDeadLetterDepth, metricsRegistry, type DeadLetterDepth } from '@rapport/platform-observability';
import { Gauge } from 'prom-client';

/** The buses of the running applications (one, except in tests that start several in one process). */
const buses = new Set<() => Promise<unknown>>();

const LATEST = -1n;
const EARLIEST = -2n;
const PAGE = 1_000;

/** The in-process bus keeps every record of a topic with dense offsets from 0: count them page by page. */
async function inProcessDepth(bus: InProcessBus, topic: string): Promise<number> {
  let records = 0;
  for (let page = await bus.read(topic, 0, PAGE); page.length > 0; page = await bus.read(topic, records, PAGE)) {
    records += page.length;
    if (page.length < PAGE) break;
  }
  return records;
}

/** Kafka: per partition, the log end minus the first retained offset (a topic not created yet holds nothing). */
async function kafkaDepth(config: KafkaBusConfig, topics: readonly string[]): Promise<DeadLetterDepth[]> {
  const { Admin } = kafkaClient();
  const admin = new Admin({ clientId: `${config.clientId}-metrics`, bootstrapBrokers: [...config.brokers], ...config.connection });
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length === 0) return topics.map((topic) => ({ topic, records: 0 }));
    const metadata = await admin.metadata({ topics: present });
    const request = (timestamp: bigint) => ({
      topics: present.map((name) => ({ name, partitions: [...(metadata.topics.get(name)?.partitions.keys() ?? [])].map((partitionIndex) => ({ partitionIndex, timestamp })) })),
    });
    const [ends, starts] = await Promise.all([admin.listOffsets(request(LATEST)), admin.listOffsets(request(EARLIEST))]);
    const sum = (listed: typeof ends, topic: string): number =>
      (listed.find((t) => t.name === topic)?.partitions ?? []).reduce((total, p) => total + Number(p.offset), 0);
    return topics.map((topic) => ({ topic, records: existing.has(topic) ? Math.max(0, sum(ends, topic) - sum(starts, topic)) : 0 }));
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** Records in the given dead-letter topics, from the bus itself when it can say, else from its log. */
export async function deadLetterDepth(bus: unknown, topics: readonly string[]): Promise<readonly DeadLetterDepth[]> {
  if (topics.length === 0) return [];
  if (hasDeadLetterDepth(bus)) return bus.deadLetterDepth(topics);
  if (bus instanceof InProcessBus) return Promise.all(topics.map(async (topic) => ({ topic, records: await inProcessDepth(bus, topic) })));
  if (bus instanceof KafkaBus) return kafkaDepth(bus.config, topics);
  return [];
}

/** The dead-letter topics of what the bus's consumer groups read: where this process parks what it cannot handle. */
async function depthsOf(source: () => Promise<unknown>): Promise<readonly DeadLetterDepth[]> {
  const bus = await source();
  const consumed = hasConsumerLag(bus) ? await bus.consumerLag() : [];
  const topics = [...new Set(consumed.map((lag) => lag.topic).filter((topic) => !topic.endsWith('.dlq')))].sort().map(deadLetterTopic);
  return deadLetterDepth(bus, topics);
}

/**
 * Dead-letter depth: records parked on the dead-letter topic of each topic this process consumes (a consumer
 * parks a message there once its attempts are spent, or at once when it is poison). Counted at scrape time from
 * the bus, like consumer lag. Replays (`npm run dlq -- replay`) do not remove a letter, so alert on an increase.
 */
export const deadLetterGauge = new Gauge({
  name: 'rapport_dead_letter_records',
  help: 'Records on the dead-letter topic of each topic this process consumes (parked letters, replayed ones included: alert on an increase)',
  labelNames: ['topic'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const all = await Promise.all([...buses].map((source) => depthsOf(source).catch(() => [])));
    for (const depth of all.flat()) this.set({ topic: depth.topic }, depth.records);
  },
});

/** Adds a bus to the dead-letter depth `/metrics` reports; the returned function removes it. */
export function reportDeadLetters(bus: () => Promise<unknown>): () => void {
  buses.add(bus);
  return () => void buses.delete(bus);
}
