import { CustomerEventTypes, type CustomerIntegrationEvent } from '@rapport/customers-contracts';
import type { CadenceCommand } from '@rapport/scheduler-domain';

/**
 * Customers integration event → cadence commands, mapped explicitly: what moves a cadence (owner, contacts,
 * purchases, stage, reclaimability, merges) becomes a fact; the rest is named here and ignored.
 */
export function cadenceCommandsOf(event: CustomerIntegrationEvent): CadenceCommand[] {
  const note = (customerId: string, fact: Extract<CadenceCommand, { type: 'note-customer-fact' }>['fact']): CadenceCommand[] => [
    { type: 'note-customer-fact', customerId, fact },
  ];
  switch (event.type) {
    case CustomerEventTypes.registered:
      return note(event.data.customerId, { kind: 'registered', ownerId: event.data.ownerId, at: event.data.registeredAt });
    case CustomerEventTypes.ownershipChanged:
      return note(event.data.customerId, { kind: 'owner-changed', ownerId: event.data.ownerId, at: event.data.changedAt });
    case CustomerEventTypes.contactLogged: {
      const d = event.data;
      return note(d.customerId, { kind: 'contact-logged', byOwner: d.byOwner, nextStepAt: d.nextStepAt, at: d.occurredAt });
    }
    case CustomerEventTypes.purchaseRecorded:
      return note(event.data.customerId, { kind: 'purchase-recorded', at: event.data.occurredAt });
    case CustomerEventTypes.stageChanged:
      return note(event.data.customerId, { kind: 'stage-changed', stage: event.data.to, at: event.data.changedAt });
    case CustomerEventTypes.reclaimabilityChanged: {
      const d = event.data;
      return note(d.customerId, { kind: 'reclaimability-changed', status: d.status, lastOwnerContactAt: d.lastOwnerContactAt, at: d.changedAt });
    }
    case CustomerEventTypes.merged:
      return note(event.data.mergedId, { kind: 'closed', at: event.data.mergedAt });
    case CustomerEventTypes.unmerged:
      return note(event.data.restoredId, { kind: 'reopened', at: event.data.unmergedAt });
    case CustomerEventTypes.collaboratorsChanged:
    case CustomerEventTypes.tierChanged:
    case CustomerEventTypes.gradeChanged:
    case CustomerEventTypes.shareOfWalletChanged:
    case CustomerEventTypes.referralRecorded:
    case CustomerEventTypes.leavingSignalled:
    // For the complaints service (K1), not a cadence fact.
    case CustomerEventTypes.winBackComplaintRaised:
    // Stage changes that come with these arrive as stage-changed.
    case CustomerEventTypes.wonBack:
    case CustomerEventTypes.lost:
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
