import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { MessageBus } from '@rapport/platform-messaging';
import { AUDIT_READS_TOPIC, BusConsumer } from '@rapport/platform-nest';
import type { ReadLog } from './read-log';

/** The consumer group that feeds the audit's read log from the reads topic. */
export const PERSONAL_READS_GROUP = 'audit-reads';

/**
 * A6 in distributed mode: every process records the personal reads it serves in its own log and publishes them on
 * `rapport.audit-reads.v1`; this group appends them to the audit's read log, so `GET /api/v1/audit/reads` answers
 * for reads served anywhere (at least once in, exactly once in effect: the CloudEvent id is the entry's id).
 */
export class PersonalReadsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(bus: MessageBus, log: ReadLog, topic = AUDIT_READS_TOPIC, groupId = PERSONAL_READS_GROUP) {
    this.consumer = new BusConsumer(bus, { groupId, topics: [topic], handle: (m) => log.receive(m) }, 'audit');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}
