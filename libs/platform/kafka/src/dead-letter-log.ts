import type { IncomingMessage, OutgoingMessage } from '@rapport/platform-messaging';
import { KafkaBus } from './kafka-bus';
import type { KafkaBusConfig } from './kafka-bus.config';
import { kafkaClient } from './kafka-client';
import { readTopic } from './topic-reader';

/**
 * Dead-letter topics on Kafka for the `dlq` CLI: read a topic to its end, publish (replays, replay records), and
 * create the one-partition topic that records replays (no dead-letter topic of its own: nothing consumes it).
 */
export class KafkaDeadLetterLog {
  private readonly bus: KafkaBus;

  constructor(private readonly config: KafkaBusConfig) {
    this.bus = new KafkaBus(config);
  }

  async read(topic: string): Promise<IncomingMessage[]> {
    if (!(await this.exists(topic))) return [];
    return readTopic(this.config, topic);
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    return this.bus.publish(messages);
  }

  async ensureTopic(topic: string): Promise<void> {
    if (await this.exists(topic)) return;
    await this.withAdmin((admin) => admin.createTopics({ topics: [topic], partitions: 1, replicas: this.config.defaultReplicationFactor ?? 1 }));
  }

  close(): Promise<void> {
    return this.bus.close();
  }

  private exists(topic: string): Promise<boolean> {
    return this.withAdmin(async (admin) => (await admin.listTopics()).includes(topic));
  }

  private async withAdmin<T>(use: (admin: InstanceType<ReturnType<typeof kafkaClient>['Admin']>) => Promise<T>): Promise<T> {
    const { Admin } = kafkaClient();
    const admin = new Admin({ clientId: `${this.config.clientId}-dlq`, bootstrapBrokers: [...this.config.brokers], ...this.config.connection });
    try {
      return await use(admin);
    } finally {
      await admin.close().catch(() => undefined);
    }
  }
}
