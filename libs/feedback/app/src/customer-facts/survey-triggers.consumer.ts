import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import type { IncomingMessage, MessageBus } from '@rapport/platform-messaging';
import { CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerIntegrationEvent } from '@rapport/customers-contracts';
import type { FeedbackPolicy, ScheduleSurveyTrigger } from '@rapport/feedback-domain';
import { BusConsumer } from '../bus-consumer';
import { messageContext, type FeedbackCommands } from '../feedback-commands';
import { isCustomerMessage } from '../read-models/customer-facts.projection';

/**
 * F4 triggers from the customers topic, mapped explicitly: a purchase asks for a survey 14 days later; a
 * customer becoming long-standing asks for a relationship survey. (Complaints confirmed resolved will come from
 * the complaints topic once it exists.) The rest of the topic is named here and ignored.
 */
export function surveyTriggerOf(event: CustomerIntegrationEvent, policy: FeedbackPolicy, now: Date): ScheduleSurveyTrigger | null {
  switch (event.type) {
    case CustomerEventTypes.purchaseRecorded:
      return { type: 'schedule-survey-trigger', customerId: event.data.customerId, trigger: 'purchase', triggerRef: event.data.purchaseId, happenedAt: event.data.occurredAt, policy, now };
    case CustomerEventTypes.stageChanged:
      if (event.data.to !== 'long-standing') return null;
      return { type: 'schedule-survey-trigger', customerId: event.data.customerId, trigger: 'relationship', triggerRef: `long-standing@${event.data.changedAt}`, happenedAt: event.data.changedAt, policy, now };
    case CustomerEventTypes.registered:
    case CustomerEventTypes.ownershipChanged:
    case CustomerEventTypes.collaboratorsChanged:
    case CustomerEventTypes.contactLogged:
    case CustomerEventTypes.tierChanged:
    case CustomerEventTypes.gradeChanged:
    case CustomerEventTypes.shareOfWalletChanged:
    case CustomerEventTypes.reclaimabilityChanged:
    case CustomerEventTypes.referralRecorded:
    case CustomerEventTypes.leavingSignalled:
    case CustomerEventTypes.winBackComplaintRaised:
    case CustomerEventTypes.wonBack:
    case CustomerEventTypes.lost:
    case CustomerEventTypes.merged:
    case CustomerEventTypes.unmerged:
      return null;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export class SurveyTriggersConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    bus: MessageBus,
    private readonly commands: FeedbackCommands,
    private readonly policy: FeedbackPolicy,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'feedback-survey-triggers', topics: [CUSTOMERS_TOPIC], handle: (m) => this.handle(m) });
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    if (!isCustomerMessage(message.event)) return; // a newer type this version does not know
    const now = this.clock.now();
    const command = surveyTriggerOf(message.event, this.policy, now);
    if (!command) return;
    const e = message.event;
    await this.commands.execute(command, messageContext(`trigger/${e.id}`, e.id, e.correlationid, 'topic', now, 'feedback/survey-triggers'));
  }
}
