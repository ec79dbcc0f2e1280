import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { decodeHeaders, fromRecord } from './cloud-events-binary';
import type { KafkaBusConfig } from './kafka-bus.config';
import { forceClose, kafkaClient, type ClientConsumer } from './kafka-client';

/** A record as it is on the wire. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string | undefined;
  readonly value: Buffer | undefined;
  readonly headers: Record<string, string>;
}

/**
 * Every record of a topic up to its current end, ordered by partition and offset; for tests and tools (reading a
 * dead-letter topic), not for consuming. Uses a throw-away group that never commits.
 */
export async function readTopicRaw(config: KafkaBusConfig, topic: string, timeoutMs = 20_000): Promise<RawRecord[]> {
  const { Consumer } = kafkaClient();
  const consumer: ClientConsumer = new Consumer({
    clientId: `${config.clientId}-reader`,
    groupId: `rapport-reader-${randomUUID()}`,
    bootstrapBrokers: [...config.brokers],
    ...config.connection,
    autocommit: false,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  consumer.on('error', () => undefined);
  try {
    const ends = (await consumer.listOffsets({ topics: [topic] })).get(topic) ?? [];
    const pending = new Map<number, bigint>();
    ends.forEach((end, partition) => end > 0n && pending.set(partition, end));
    if (pending.size === 0) return [];
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    const records: RawRecord[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic}: timed out after ${timeoutMs} ms with ${records.length} records`)), timeoutMs);
      const finish = (error?: unknown): void => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      stream.on('data', (message) => {
        const end = pending.get(message.partition);
        if (end === undefined || message.offset >= end) return;
        records.push({
          topic,
          partition: message.partition,
          offset: Number(message.offset),
          key: message.key ? message.key.toString('utf8') : undefined,
          value: message.value ?? undefined,
          headers: decodeHeaders(message.headers),
        });
        if (message.offset + 1n >= end) pending.delete(message.partition);
        if (pending.size === 0) finish();
      });
      stream.once('error', finish);
    });
    return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  } finally {
    await forceClose(consumer).catch(() => undefined);
  }
}

/** {@link readTopicRaw}, decoded as integration events (throws on a record that is not one). */
export async function readTopic(config: KafkaBusConfig, topic: string, timeoutMs?: number): Promise<IncomingMessage[]> {
  return (await readTopicRaw(config, topic, timeoutMs)).map((record) => ({
    topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key ?? '',
    event: fromRecord(record.value, record.headers),
  }));
}
