import type { PartitionLag } from '@rapport/platform-observability';
import type { ClientAdmin } from './kafka-client';

const LATEST = -1n;
const EARLIEST = -2n;

/**
 * Lag of the given groups on their topics, per partition, from the broker: the log-end offset minus the
 * group's committed offset. A partition the group has never committed on is listed too (committed null), its
 * lag counted from the first retained record — the one such a group starts from.
 */
export async function consumerLag(admin: ClientAdmin, groups: ReadonlyMap<string, ReadonlySet<string>>): Promise<PartitionLag[]> {
  const topics = [...new Set([...groups.values()].flatMap((set) => [...set]))];
  if (topics.length === 0) return [];
  const metadata = await admin.metadata({ topics });
  const partitionsOf = (topic: string): number[] => [...(metadata.topics.get(topic)?.partitions.keys() ?? [])];
  const request = (timestamp: bigint) => ({ topics: topics.map((name) => ({ name, partitions: partitionsOf(name).map((partitionIndex) => ({ partitionIndex, timestamp })) })) });
  const [ends, starts] = await Promise.all([admin.listOffsets(request(LATEST)), admin.listOffsets(request(EARLIEST))]);
  const offsetOf = (listed: typeof ends, topic: string, partition: number): number =>
    Number(listed.find((t) => t.name === topic)?.partitions.find((p) => p.partitionIndex === partition)?.offset ?? 0n);
  const committed = await admin.listConsumerGroupOffsets({
    groups: [...groups.entries()].map(([groupId, set]) => ({ groupId, topics: [...set].map((name) => ({ name, partitionIndexes: partitionsOf(name) })) })),
  });
  const lags: PartitionLag[] = [];
  for (const [groupId, set] of groups) {
    const group = committed.find((g) => g.groupId === groupId);
    for (const topic of set) {
      for (const partition of partitionsOf(topic).sort((a, b) => a - b)) {
        const stored = group?.topics.find((t) => t.name === topic)?.partitions.find((p) => p.partitionIndex === partition)?.committedOffset;
        const end = offsetOf(ends, topic, partition);
        const from = stored !== undefined && stored >= 0n ? Number(stored) : null;
        lags.push({ groupId, topic, partition, committed: from, end, lag: Math.max(0, end - (from ?? offsetOf(starts, topic, partition))) });
      }
    }
  }
  return lags;
}
