import { nameBasedUuid, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { topicPublisher, type OutgoingMessage } from '@rapport/platform-messaging';
import { SCHEDULER_TOPIC, SchedulerEventTypes, type SchedulerPayloadsV1 } from '@rapport/scheduler-contracts';
import {
  COMPLAINTS_SOURCE,
  COMPLAINTS_TIMERS_TOPIC,
  COMPLAINTS_TOPIC,
  ComplaintEventTypes,
  SlaDueType,
  slaTimerId,
  type ComplaintPayloadsV1,
  type SlaDueV1,
} from '@rapport/complaints-contracts';
import type { ComplaintEvent, Deadlines, ReferenceReserved } from '@rapport/complaints-domain';

type Internal = ComplaintEvent | ReferenceReserved;

const publish = topicPublisher<ComplaintPayloadsV1>(COMPLAINTS_TOPIC, COMPLAINTS_SOURCE);
const requestTimer = topicPublisher<SchedulerPayloadsV1>(SCHEDULER_TOPIC, COMPLAINTS_SOURCE);

export const COMPLAINTS_OWNER_SERVICE = 'complaints';

/**
 * K3 via S2: each SLA clock is one timer in the scheduler. A deadline asks for (or moves) its timer; a clock
 * that is paused or met takes it back. One event gives two requests, so each gets its own CloudEvent id
 * (derived from the event id and the clock: a re-publication carries the same ids).
 */
function timerRequests(recorded: RecordedEvent, complaintId: string, deadlines: Deadlines): OutgoingMessage[] {
  return (['acknowledge', 'resolve'] as const).flatMap((clock) => {
    const timerId = slaTimerId(complaintId, clock);
    const dueAt = clock === 'acknowledge' ? deadlines.acknowledgeBy : deadlines.resolveBy;
    const messages =
      dueAt === null
        ? requestTimer(recorded, SchedulerEventTypes.timerCancelled, timerId, { timerId, ownerService: COMPLAINTS_OWNER_SERVICE })
        : requestTimer(recorded, SchedulerEventTypes.timerRequested, timerId, {
            timerId,
            ownerService: COMPLAINTS_OWNER_SERVICE,
            dueAt,
            deliver: { topic: COMPLAINTS_TIMERS_TOPIC, type: SlaDueType, data: { complaintId, clock, dueAt } satisfies SlaDueV1 },
          });
    return messages.map((m) => ({ ...m, event: { ...m.event, id: nameBasedUuid(`${recorded.metadata.eventId}/${clock}`) } }));
  });
}

/**
 * Internal event → published messages, mapped explicitly: the complaint's milestones on
 * `rapport.complaints.v1` (keyed by complaint id) and its SLA timers on the scheduler's topic. Handling
 * steps, questions, replies, root causes and concessions stay inside (free text, A5); so does the reference counter.
 */
export function toIntegrationMessages(recorded: RecordedEvent): readonly OutgoingMessage[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  switch (event.type) {
    case 'complaints.complaint-received.v1': {
      const d = event.data;
      return [
        ...publish(recorded, ComplaintEventTypes.received, d.complaintId, {
          complaintId: d.complaintId,
          reference: d.reference,
          customerId: d.customerId,
          channel: d.channel,
          category: d.category,
          severity: d.severity,
          source: d.source,
          ownerId: d.receivedBy,
          deadlines: d.deadlines,
          slaPolicyVersion: d.sla.policyVersion,
          receivedAt: d.at,
        }),
        ...timerRequests(recorded, d.complaintId, d.deadlines),
      ];
    }
    case 'complaints.complaint-acknowledged.v1': {
      const d = event.data;
      return publish(recorded, ComplaintEventTypes.acknowledged, d.complaintId, { complaintId: d.complaintId, customerId: d.customerId, ownerId: d.ownerId, withinSla: d.withinSla, acknowledgedAt: d.at });
    }
    case 'complaints.complaint-transferred.v1': {
      const d = event.data;
      return publish(recorded, ComplaintEventTypes.transferred, d.complaintId, {
        complaintId: d.complaintId,
        customerId: d.customerId,
        fromOwnerId: d.fromOwnerId,
        toOwnerId: d.toOwnerId,
        accountableId: d.accountableId,
        notifyCustomer: { customerId: d.customerId, reference: d.reference, newOwnerId: d.toOwnerId },
        transferredAt: d.at,
      });
    }
    case 'complaints.sla-breached.v1': {
      const d = event.data;
      return publish(recorded, ComplaintEventTypes.slaBreached, d.complaintId, { complaintId: d.complaintId, customerId: d.customerId, clock: d.clock, dueAt: d.dueAt, ownerId: d.ownerId, breachedAt: d.at });
    }
    case 'complaints.complaint-escalated.v1': {
      const d = event.data;
      return publish(recorded, ComplaintEventTypes.escalated, d.complaintId, {
        complaintId: d.complaintId,
        customerId: d.customerId,
        clock: d.clock,
        ownerId: d.ownerId,
        accountableId: d.accountableId,
        managerId: d.managerId,
        escalatedAt: d.at,
      });
    }
    case 'complaints.resolution-proposed.v1': {
      const d = event.data;
      return publish(recorded, ComplaintEventTypes.resolutionProposed, d.complaintId, { complaintId: d.complaintId, customerId: d.customerId, ownerId: d.ownerId, proposedAt: d.at });
    }
    case 'complaints.resolution-confirmed.v1': {
      const d = event.data;
      return publish(recorded, ComplaintEventTypes.confirmed, d.complaintId, { complaintId: d.complaintId, customerId: d.customerId, ownerId: d.ownerId, satisfaction: d.satisfaction, resolvedAt: d.at });
    }
    case 'complaints.complaint-reopened.v1': {
      const d = event.data;
      return publish(recorded, ComplaintEventTypes.reopened, d.complaintId, { complaintId: d.complaintId, customerId: d.customerId, ownerId: d.ownerId, reopenedAt: d.at });
    }
    case 'complaints.deadlines-changed.v1':
      return timerRequests(recorded, event.data.complaintId, event.data.deadlines);
    case 'complaints.handling-step-recorded.v1':
    case 'complaints.customer-awaited.v1':
    case 'complaints.customer-replied.v1':
    case 'complaints.root-cause-recorded.v1':
    case 'complaints.concession-approved.v1':
    case 'complaints.concession-granted.v1':
    case 'complaints.reference-reserved.v1':
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
