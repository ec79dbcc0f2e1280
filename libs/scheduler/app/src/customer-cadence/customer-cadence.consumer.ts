import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import type { Clock, CommandContext } from '@rapport/platform-eventsourcing';
import type { IncomingMessage, MessageBus } from '@rapport/platform-messaging';
import { CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerIntegrationEvent } from '@rapport/customers-contracts';
import type { CadenceWorkflow } from './cadence-workflow';
import { cadenceCommandsOf } from './customer-facts';

const known = new Set<string>(Object.values(CustomerEventTypes));

/**
 * S1 (and S2 for C4/C6): keeps each customer's cadence from `rapport.customers.v1`. The command id is derived
 * from the CloudEvent id, so a redelivered message is recognised by the store and changes nothing.
 */
export class CustomerCadenceConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    bus: MessageBus,
    private readonly workflow: CadenceWorkflow,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'scheduler-customer-cadence', topics: [CUSTOMERS_TOPIC], handle: (m) => this.handle(m) }, 'scheduler');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    if (!known.has(message.event.type)) return; // a newer type this version does not know: not ours to fail on
    const commands = cadenceCommandsOf(message.event as unknown as CustomerIntegrationEvent);
    for (const [index, command] of commands.entries()) {
      const context: CommandContext = {
        commandId: `cadence/${message.event.id}/${index}`,
        actor: { id: 'scheduler/customer-cadence', kind: 'system', roles: ['system'] },
        now: this.clock.now(),
        correlationId: message.event.correlationid ?? message.event.id,
        causationId: message.event.id,
        via: 'topic',
        ...(message.event.traceparent ? { traceparent: message.event.traceparent } : {}),
      };
      await this.workflow.handle(command, context);
    }
  }
}
