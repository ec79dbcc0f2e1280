import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import type { Clock } from '@rapport/platform-eventsourcing';
import type { IncomingMessage, IntegrationEvent, MessageBus } from '@rapport/platform-messaging';
import { COMPLAINTS_TOPIC, ComplaintEventTypes, type ComplaintIntegrationEvent } from '@rapport/complaints-contracts';
import { CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerIntegrationEvent } from '@rapport/customers-contracts';
import type { FeedbackPolicy, ReassignLoops, ScheduleSurveyTrigger } from '@rapport/feedback-domain';
import { messageContext, type FeedbackCommands } from '../feedback-commands';
import { isCustomerMessage } from '../read-models/customer-facts.projection';

/**
 * F4 triggers from the customers topic, mapped explicitly (ownership changes move follow-ups, see loopOwnerOf): a purchase asks for a survey 14 days later; a
 * customer becoming long-standing asks for a relationship survey. The rest of the topic is named here and ignored.
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

/** F3: the customer's open follow-ups follow her owner (C3 transfer, C4 reclaim, D2 a rep who left). */
export function loopOwnerOf(event: CustomerIntegrationEvent, now: Date): ReassignLoops | null {
  return event.type === CustomerEventTypes.ownershipChanged ? { type: 'reassign-loops', customerId: event.data.customerId, ownerId: event.data.ownerId, now } : null;
}

/**
 * F4: a complaint the customer confirmed resolved asks for a survey 7 days later. The complaint's own
 * satisfaction score is not an NPS answer, and complaint counts are never a satisfaction measure (F5).
 */
export function complaintTriggerOf(event: ComplaintIntegrationEvent, policy: FeedbackPolicy, now: Date): ScheduleSurveyTrigger | null {
  switch (event.type) {
    case ComplaintEventTypes.confirmed: {
      const d = event.data;
      return { type: 'schedule-survey-trigger', customerId: d.customerId, trigger: 'complaint-resolved', triggerRef: `complaint-${d.complaintId}@${d.resolvedAt}`, happenedAt: d.resolvedAt, policy, now };
    }
    case ComplaintEventTypes.received:
    case ComplaintEventTypes.acknowledged:
    case ComplaintEventTypes.transferred:
    case ComplaintEventTypes.slaBreached:
    case ComplaintEventTypes.escalated:
    case ComplaintEventTypes.resolutionProposed:
    case ComplaintEventTypes.reopened:
      return null;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

const complaintTypes = new Set<string>(Object.values(ComplaintEventTypes));
const isComplaintMessage = (event: IntegrationEvent): event is IntegrationEvent & ComplaintIntegrationEvent => complaintTypes.has(event.type);

export class SurveyTriggersConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    bus: MessageBus,
    private readonly commands: FeedbackCommands,
    private readonly policy: FeedbackPolicy,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'feedback-survey-triggers', topics: [CUSTOMERS_TOPIC, COMPLAINTS_TOPIC], handle: (m) => this.handle(m) }, 'feedback');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    const now = this.clock.now();
    // A type this version does not know is skipped, not failed on.
    const command = isCustomerMessage(message.event)
      ? (surveyTriggerOf(message.event, this.policy, now) ?? loopOwnerOf(message.event, now))
      : isComplaintMessage(message.event)
        ? complaintTriggerOf(message.event, this.policy, now)
        : null;
    if (!command) return;
    const e = message.event;
    await this.commands.execute(command, messageContext(`trigger/${e.id}`, e.id, e.correlationid, 'topic', now, 'feedback/survey-triggers'));
  }
}
