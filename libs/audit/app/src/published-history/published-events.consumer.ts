import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { MessageBus } from '@rapport/platform-messaging';
import { BusConsumer } from '@rapport/platform-nest';
import type { PublishedLog } from './published-log';

/** The consumer group that feeds the audit's log of published events. */
export const PUBLISHED_HISTORY_GROUP = 'audit-history';

/**
 * A1/A2 in distributed mode: one consumer group over the services' integration topics, every message appended to
 * the audit's own log (at least once in, exactly once in effect: a redelivery is recognised by topic and CloudEvent id).
 */
export class PublishedEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(bus: MessageBus, log: PublishedLog, topics: readonly string[], groupId = PUBLISHED_HISTORY_GROUP) {
    this.consumer = new BusConsumer(bus, { groupId, topics, handle: (m) => log.record(m) }, 'audit');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}
