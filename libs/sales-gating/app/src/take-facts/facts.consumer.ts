import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { COMPLAINTS_TOPIC, ComplaintEventTypes, type ComplaintIntegrationEvent } from '@rapport/complaints-contracts';
import { CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerIntegrationEvent } from '@rapport/customers-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type FeedbackIntegrationEvent } from '@rapport/feedback-contracts';
import type { Clock, CommandContext } from '@rapport/platform-eventsourcing';
import { BusConsumer } from '@rapport/platform-nest';
import type { IncomingMessage, MessageBus } from '@rapport/platform-messaging';
import type { GateCommands } from '../gate-commands';
import { factsOfComplaintEvent, factsOfCustomerEvent, factsOfFeedbackEvent, type NotedFact } from './gate-facts';

const customerTypes = new Set<string>(Object.values(CustomerEventTypes));
const feedbackTypes = new Set<string>(Object.values(FeedbackEventTypes));
const complaintTypes = new Set<string>(Object.values(ComplaintEventTypes));

/** The facts a published event carries, by topic; a type this version does not know is skipped, not failed on. */
export function factsOf(message: IncomingMessage): NotedFact[] {
  const type = message.event.type;
  const event = { type, data: message.event.data };
  if (message.topic === CUSTOMERS_TOPIC && customerTypes.has(type)) return factsOfCustomerEvent(event as CustomerIntegrationEvent);
  if (message.topic === FEEDBACK_TOPIC && feedbackTypes.has(type)) return factsOfFeedbackEvent(event as FeedbackIntegrationEvent);
  if (message.topic === COMPLAINTS_TOPIC && complaintTypes.has(type)) return factsOfComplaintEvent(event as ComplaintIntegrationEvent);
  return [];
}

/**
 * G1–G8 from published events only: customers, feedback and complaints, each noted on the customer's gate
 * stream. The command id is derived from the CloudEvent id, so a redelivered message changes nothing; the
 * consumer group's committed offsets are the checkpoint.
 */
export class FactsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly topics = [CUSTOMERS_TOPIC, FEEDBACK_TOPIC, COMPLAINTS_TOPIC];
  private readonly consumer: BusConsumer;

  constructor(
    bus: MessageBus,
    private readonly commands: GateCommands,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'sales-gating-facts', topics: FactsConsumer.topics, handle: (m) => this.handle(m) }, 'sales-gating');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    for (const [index, { customerId, fact }] of factsOf(message).entries()) {
      const context: CommandContext = {
        commandId: `gating/${message.event.id}/${index}`,
        actor: { id: 'sales-gating/facts', kind: 'system', roles: ['system'] },
        now: this.clock.now(),
        correlationId: message.event.correlationid ?? message.event.id,
        causationId: message.event.id,
        via: 'topic',
        ...(message.event.traceparent ? { traceparent: message.event.traceparent } : {}),
      };
      await this.commands.noteFact(customerId, message.event.id, fact, context);
    }
  }
}
