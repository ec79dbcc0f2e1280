/**
 * How far one consumer group is behind on one partition. `committed` is null when the group has not committed
 * on that partition yet (it still counts: its lag runs from the partition's first retained record).
 */
export interface PartitionLag {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly committed: number | null;
  /** The offset the next record will get (Kafka's log-end offset; the in-process bus's next offset). */
  readonly end: number;
  readonly lag: number;
}

/** A bus that can say how far its consumer groups are behind, per partition. */
export interface ConsumerLagSource {
  consumerLag(): Promise<readonly PartitionLag[]>;
}

export const hasConsumerLag = (bus: unknown): bus is ConsumerLagSource =>
  typeof bus === 'object' && bus !== null && typeof (bus as Partial<ConsumerLagSource>).consumerLag === 'function';
