import { hasConsumerLag, metricsRegistry, type PartitionLag } from '@rapport/platform-observability';
import { Gauge } from 'prom-client';

/** The buses of the running applications (one, except in tests that start several in one process). */
const sources = new Set<() => Promise<readonly PartitionLag[]>>();

export async function consumerLags(): Promise<PartitionLag[]> {
  const all = await Promise.all([...sources].map((source) => source()));
  return all.flat();
}

/** Lag of every partition of every consumer group of the process, counted at scrape time. */
export const consumerLagGauge = new Gauge({
  name: 'rapport_consumer_lag',
  help: 'Records not yet consumed, per consumer group, topic and partition (log end minus committed offset; a partition never committed on counts from its first record)',
  labelNames: ['group', 'topic', 'partition', 'committed'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const lag of await consumerLags().catch(() => [])) {
      this.set({ group: lag.groupId, topic: lag.topic, partition: String(lag.partition), committed: lag.committed === null ? 'none' : 'yes' }, lag.lag);
    }
  },
});

/** Adds a bus to what `/metrics` and `/admin/consumers` report; the returned function removes it. */
export function reportConsumerLag(bus: () => Promise<unknown>): () => void {
  const source = async (): Promise<readonly PartitionLag[]> => {
    const opened = await bus();
    return hasConsumerLag(opened) ? opened.consumerLag() : [];
  };
  sources.add(source);
  return () => void sources.delete(source);
}
