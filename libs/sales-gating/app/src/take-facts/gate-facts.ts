import { ComplaintEventTypes, type ComplaintIntegrationEvent } from '@rapport/complaints-contracts';
import { CustomerEventTypes, type CustomerIntegrationEvent } from '@rapport/customers-contracts';
import { FeedbackEventTypes, type FeedbackIntegrationEvent } from '@rapport/feedback-contracts';
import type { GateFact } from '@rapport/sales-gating-domain';

export interface NotedFact {
  readonly customerId: string;
  readonly fact: GateFact;
}

const one = (customerId: string, fact: GateFact): NotedFact[] => [{ customerId, fact }];

/** Customers → facts: owner and collaborators (G6), purchases and share of wallet (G3, G8), contacts (G5). */
export function factsOfCustomerEvent(event: CustomerIntegrationEvent): NotedFact[] {
  switch (event.type) {
    case CustomerEventTypes.registered:
      return one(event.data.customerId, { kind: 'registered', ownerId: event.data.ownerId, at: event.data.registeredAt });
    case CustomerEventTypes.ownershipChanged:
      return one(event.data.customerId, { kind: 'owner-changed', ownerId: event.data.ownerId, at: event.data.changedAt });
    case CustomerEventTypes.collaboratorsChanged: {
      const d = event.data;
      return one(d.customerId, { kind: 'collaborators-changed', ownerId: d.ownerId, collaboratorIds: d.collaboratorIds, at: d.changedAt });
    }
    case CustomerEventTypes.purchaseRecorded:
      return one(event.data.customerId, { kind: 'purchase', purchaseId: event.data.purchaseId, amount: event.data.amount, at: event.data.occurredAt });
    case CustomerEventTypes.shareOfWalletChanged:
      return one(event.data.customerId, { kind: 'share-of-wallet', share: event.data.overall?.share ?? null, at: event.data.changedAt });
    case CustomerEventTypes.contactLogged: {
      const d = event.data;
      return one(d.customerId, { kind: 'contact-logged', contactId: d.contactId, repId: d.loggedBy, direction: d.direction, outcome: d.outcome, nextStepAt: d.nextStepAt, at: d.occurredAt });
    }
    case CustomerEventTypes.merged:
      return one(event.data.mergedId, { kind: 'closed', at: event.data.mergedAt });
    // What happened afterwards, for the policy what-if; the gate does not change on it.
    case CustomerEventTypes.lost:
      return one(event.data.customerId, { kind: 'left', at: event.data.closedAt });
    case CustomerEventTypes.stageChanged:
    case CustomerEventTypes.tierChanged:
    case CustomerEventTypes.gradeChanged:
    case CustomerEventTypes.reclaimabilityChanged:
    case CustomerEventTypes.referralRecorded:
    case CustomerEventTypes.leavingSignalled:
    // The complaints service opens it (K1) and publishes complaint-received: that is the fact gating takes.
    case CustomerEventTypes.winBackComplaintRaised:
    case CustomerEventTypes.wonBack:
    // Known limit: an unmerged record's gate is not reopened (its facts after the merge went to the survivor).
    case CustomerEventTypes.unmerged:
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** Feedback → facts: the NPS answer (G1, G3, G4) and surveys sent (G5, exempt but listed). */
export function factsOfFeedbackEvent(event: FeedbackIntegrationEvent): NotedFact[] {
  switch (event.type) {
    case FeedbackEventTypes.surveyAnswered: {
      const d = event.data;
      return one(d.customerId, { kind: 'nps-answered', surveyId: d.surveyId, score: d.score, at: d.answeredAt });
    }
    case FeedbackEventTypes.surveySent:
      return one(event.data.customerId, { kind: 'survey-sent', surveyId: event.data.surveyId, at: event.data.sentAt });
    // The answer itself carries the score; the category move adds nothing the gate needs.
    case FeedbackEventTypes.sentimentMoved:
    case FeedbackEventTypes.surveyThrottled:
    case FeedbackEventTypes.surveyExpired:
    case FeedbackEventTypes.loopOpened:
    case FeedbackEventTypes.loopStepRecorded:
    case FeedbackEventTypes.loopClosed:
    case FeedbackEventTypes.loopEscalated:
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** Complaints → facts: open, confirmed resolved, reopened (G2, G4); replies to the customer are service contacts (G5). */
export function factsOfComplaintEvent(event: ComplaintIntegrationEvent): NotedFact[] {
  switch (event.type) {
    case ComplaintEventTypes.received:
      return one(event.data.customerId, { kind: 'complaint-received', complaintId: event.data.complaintId, at: event.data.receivedAt });
    case ComplaintEventTypes.confirmed:
      return one(event.data.customerId, { kind: 'complaint-resolved', complaintId: event.data.complaintId, at: event.data.resolvedAt });
    case ComplaintEventTypes.reopened:
      return one(event.data.customerId, { kind: 'complaint-reopened', complaintId: event.data.complaintId, at: event.data.reopenedAt });
    case ComplaintEventTypes.acknowledged:
      return one(event.data.customerId, { kind: 'service-reply', complaintId: event.data.complaintId, at: event.data.acknowledgedAt });
    case ComplaintEventTypes.resolutionProposed:
      return one(event.data.customerId, { kind: 'service-reply', complaintId: event.data.complaintId, at: event.data.proposedAt });
    case ComplaintEventTypes.transferred:
    case ComplaintEventTypes.slaBreached:
    case ComplaintEventTypes.escalated:
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
