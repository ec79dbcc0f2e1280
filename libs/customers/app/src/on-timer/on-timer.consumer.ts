import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainError, type Clock, type CommandContext } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type IncomingMessage } from '@rapport/platform-messaging';
import { BusConsumer } from '@rapport/platform-nest';
import { CUSTOMERS_TIMERS_TOPIC, CustomerReviewDueType, type CustomerReviewDueV1 } from '@rapport/scheduler-contracts';
import type { CustomerCommands } from '../customer-commands';

/**
 * S2 for C4 and C6: the scheduler delivers `review-due` for one customer when time alone may change it
 * (reclaim warning, reclaimability, a stage that time moves). This runs the sweep's per-customer step — the
 * `review-customer` command — for that customer, so nobody needs to call `POST /sweeps`. The command id is
 * derived from the delivery's CloudEvent id (one per timer and due time): a redelivery changes nothing.
 */
export class OnTimerConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    private readonly commands: CustomerCommands,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(commands.host.bus, { groupId: 'customers-on-timer', topics: [CUSTOMERS_TIMERS_TOPIC], handle: (m) => this.handle(m) }, 'customers');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    if (message.event.type !== CustomerReviewDueType) return; // other deliveries are not this version's to act on
    const data = message.event.data as Partial<CustomerReviewDueV1> | null;
    if (typeof data?.customerId !== 'string' || data.customerId === '') throw new PoisonMessageError(`${CustomerReviewDueType}: customerId is required`);
    const context: CommandContext = {
      commandId: `on-timer/${message.event.id}`,
      actor: { id: 'scheduler', kind: 'timer', roles: ['system'] },
      now: this.clock.now(),
      correlationId: message.event.correlationid ?? message.event.id,
      causationId: message.event.id,
      via: 'timer',
      reason: `review due ${data.dueAt ?? ''} (${(data.reasons ?? []).join(', ')})`,
    };
    try {
      await this.commands.execute(data.customerId, { type: 'review-customer' }, context);
    } catch (error) {
      // A customer merged away or never registered has nothing left to review.
      if (error instanceof DomainError && (error.kind === 'not_found' || error.code === 'customer-merged')) return;
      throw error;
    }
  }
}
