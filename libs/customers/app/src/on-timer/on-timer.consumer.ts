import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, sleep, type Clock, type CommandContext } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type Consumer, type IncomingMessage } from '@rapport/platform-messaging';
import { CUSTOMERS_TIMERS_TOPIC, CustomerReviewDueType, type CustomerReviewDueV1 } from '@rapport/scheduler-contracts';
import type { CustomerCommands } from '../customer-commands';

/**
 * S2 for C4 and C6: the scheduler delivers `review-due` for one customer when time alone may change it
 * (reclaim warning, reclaimability, a stage that time moves). This runs the sweep's per-customer step — the
 * `review-customer` command — for that customer, so nobody needs to call `POST /sweeps`. The command id is
 * derived from the delivery's CloudEvent id (one per timer and due time): a redelivery changes nothing.
 */
export class OnTimerConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: Consumer | undefined;
  private joining: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private readonly logger = new Logger('customers/on-timer');

  constructor(
    private readonly commands: CustomerCommands,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.joining = this.join();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.joining;
    await this.consumer?.stop();
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

  private async join(): Promise<void> {
    const bus = this.commands.host.bus;
    for (let delay = 500; !this.stopping.signal.aborted; delay = Math.min(delay * 2, 15_000)) {
      try {
        await bus.ensureTopics([{ name: CUSTOMERS_TIMERS_TOPIC }]);
        this.consumer = await bus.subscribe({ groupId: 'customers-on-timer', topics: [CUSTOMERS_TIMERS_TOPIC], handle: (m) => this.handle(m) });
        return;
      } catch (error) {
        this.logger.warn(`message bus not reachable, retrying in ${delay} ms (${error instanceof Error ? error.message : String(error)})`);
        await sleep(delay, this.stopping.signal);
      }
    }
  }
}
