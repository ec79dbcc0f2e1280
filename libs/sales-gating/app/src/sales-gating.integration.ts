import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { topicPublisher, type OutgoingMessage } from '@rapport/platform-messaging';
import { SALES_GATING_SOURCE, SALES_GATING_TOPIC, SalesGatingEventTypes, type SalesGatingPayloadsV1 } from '@rapport/sales-gating-contracts';
import type { GateEvent, PolicyPut } from '@rapport/sales-gating-domain';

type Internal = GateEvent | PolicyPut;

const publish = topicPublisher<SalesGatingPayloadsV1>(SALES_GATING_TOPIC, SALES_GATING_SOURCE);

/**
 * Internal event → published messages, mapped explicitly (G7: every change of decision is published; G5, G9:
 * attempts and quotes too). The facts gating noted stay inside (their sources published them), and so do
 * policy versions (the gate changes they cause are published, each naming the version).
 * The relay publishes at least once: consumers drop copies by CloudEvent id.
 */
export function toIntegrationMessages(recorded: RecordedEvent): readonly OutgoingMessage[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  switch (event.type) {
    case 'sales-gating.gate-changed.v1': {
      const d = event.data;
      return publish(recorded, SalesGatingEventTypes.gateChanged, d.customerId, {
        customerId: d.customerId,
        ownerId: d.ownerId,
        previous: d.previous,
        status: d.decision.status,
        reasons: d.decision.reasons.map((r) => ({ rule: r.rule, code: r.code, text: r.text, eventIds: [...r.eventIds] })),
        policyVersion: d.decision.policyVersion,
        decidedAt: d.decision.decidedAt,
        nextChangeAt: d.decision.nextChangeAt,
        causeEventId: d.cause.kind === 'event' ? d.cause.eventId : null,
        causePolicyVersion: d.cause.kind === 'policy' ? d.cause.policyVersion : null,
      });
    }
    case 'sales-gating.sales-attempt-recorded.v1': {
      const d = event.data;
      return publish(recorded, SalesGatingEventTypes.salesAttemptRecorded, d.customerId, {
        customerId: d.customerId,
        attemptId: d.attemptId,
        repId: d.repId,
        pitch: d.pitch,
        product: d.product,
        customerAsked: d.customerAsked,
        outcome: d.outcome,
        snoozedUntil: d.snoozedUntil,
        attemptedAt: d.at,
        policyVersion: d.policyVersion,
      });
    }
    case 'sales-gating.quote-recorded.v1': {
      const d = event.data;
      return publish(recorded, SalesGatingEventTypes.quoteRecorded, d.customerId, {
        customerId: d.customerId,
        quoteId: d.quoteId,
        repId: d.repId,
        product: d.product,
        amount: d.amount,
        currency: d.currency,
        previousAmount: d.previousAmount,
        approvedBy: d.approvedBy,
        quotedAt: d.at,
      });
    }
    case 'sales-gating.fix-first-alerted.v1': {
      const d = event.data;
      return publish(recorded, SalesGatingEventTypes.fixFirstAlerted, d.customerId, {
        customerId: d.customerId,
        ownerId: d.ownerId,
        managerId: d.managerId,
        gateEventId: d.gateEventId,
        reasons: d.reasons.map((r) => ({ rule: r.rule, code: r.code, text: r.text, eventIds: [...r.eventIds] })),
        alertedAt: d.at,
      });
    }
    case 'sales-gating.fact-noted.v1':
    case 'sales-gating.policy-put.v1':
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
