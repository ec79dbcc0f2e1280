import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { topicPublisher, type OutgoingMessage } from '@rapport/platform-messaging';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerPayloadsV1 } from '@rapport/customers-contracts';
import type { ContactKeyEvent, CustomerEvent, CustomersImported, WalletShare } from '@rapport/customers-domain';

type Internal = CustomerEvent | ContactKeyEvent | CustomersImported;

const publish = topicPublisher<CustomerPayloadsV1>(CUSTOMERS_TOPIC, CUSTOMERS_SOURCE);

/** The v1 share has exactly these three fields (closed schema): the internal "estimate too low" flag stays inside. */
const publishedShare = (w: WalletShare): WalletShare => ({ share: w.share, ourSpend: w.ourSpend, estimatedSpend: w.estimatedSpend });

/**
 * A5: nothing personal leaves the service in clear — no name, no free text. The v1 `displayName` is a
 * pseudonym made of the id (the schema still asks for a string); consumers that need the name ask the API.
 */
const pseudonymOf = (customerId: string): string => `customer ${customerId.slice(0, 8)}`;

/**
 * Internal event → integration events, mapped explicitly: internal events never leave the service as they are.
 * Events that matter only inside the service (card edits, win-back steps, registry claims) map to nothing.
 */
export function toIntegrationMessages(recorded: RecordedEvent): readonly OutgoingMessage[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  const out = <T extends keyof CustomerPayloadsV1>(type: T, subject: string, data: CustomerPayloadsV1[T]): OutgoingMessage[] =>
    publish(recorded, type, subject, data);
  switch (event.type) {
    case 'customers.customer-registered.v1': {
      const d = event.data;
      return out(CustomerEventTypes.registered, d.customerId, {
        customerId: d.customerId,
        ownerId: d.ownerId,
        displayName: pseudonymOf(d.customerId),
        registeredAt: d.registeredAt,
      });
    }
    case 'customers.ownership-transferred.v1':
    case 'customers.customer-reclaimed.v1': {
      const d = event.data;
      return out(CustomerEventTypes.ownershipChanged, d.customerId, {
        customerId: d.customerId,
        previousOwnerId: d.fromOwnerId,
        ownerId: d.toOwnerId,
        cause: event.type === 'customers.customer-reclaimed.v1' ? 'reclaim' : 'transfer',
        assignment: event.type === 'customers.customer-reclaimed.v1' ? event.data.assignment : null,
        reason: event.type === 'customers.customer-reclaimed.v1' ? `reclaim (${event.data.assignment})` : 'transfer',
        changedAt: d.at,
      });
    }
    case 'customers.ownership-changed-by-merge.v1': {
      // C2/C3: published as the manager's explicit act it is (a transfer by merge), within the v1 contract's causes.
      const d = event.data;
      return out(CustomerEventTypes.ownershipChanged, d.customerId, {
        customerId: d.customerId,
        previousOwnerId: d.fromOwnerId,
        ownerId: d.toOwnerId,
        cause: 'transfer',
        assignment: null,
        reason: `${d.cause} ${d.mergeId}`,
        changedAt: d.at,
      });
    }
    case 'customers.collaborator-added.v1':
    case 'customers.collaborator-removed.v1':
      return out(CustomerEventTypes.collaboratorsChanged, event.data.customerId, {
        customerId: event.data.customerId,
        ownerId: event.data.ownerId,
        collaboratorIds: event.data.collaboratorIds,
        changedAt: event.data.at,
      });
    case 'customers.contact-logged.v1': {
      const d = event.data;
      return out(CustomerEventTypes.contactLogged, d.customerId, {
        customerId: d.customerId,
        contactId: d.contactId,
        channel: d.channel,
        direction: d.direction,
        outcome: d.outcome,
        occurredAt: d.occurredAt,
        loggedBy: d.by,
        byOwner: d.byOwner,
        nextStepAt: d.nextStepAt,
      });
    }
    case 'customers.purchase-recorded.v1': {
      const d = event.data;
      return out(CustomerEventTypes.purchaseRecorded, d.customerId, {
        customerId: d.customerId,
        purchaseId: d.purchaseId,
        amount: d.amount,
        currency: d.currency,
        category: d.category,
        occurredAt: d.occurredAt,
        points: d.points,
      });
    }
    case 'customers.stage-changed.v1': {
      const d = event.data;
      return out(CustomerEventTypes.stageChanged, d.customerId, { customerId: d.customerId, from: d.from, to: d.to, changedAt: d.at, policyVersion: d.policyVersion });
    }
    case 'customers.tier-changed.v1': {
      const d = event.data;
      return out(CustomerEventTypes.tierChanged, d.customerId, {
        customerId: d.customerId,
        from: d.from,
        to: d.to,
        lifetimePoints: d.lifetimePoints,
        changedAt: d.at,
        policyVersion: d.policyVersion,
      });
    }
    case 'customers.grade-set.v1': {
      const d = event.data;
      if (d.grade === d.previousGrade) return [];
      return out(CustomerEventTypes.gradeChanged, d.customerId, { customerId: d.customerId, from: d.previousGrade, to: d.grade, changedAt: d.at });
    }
    case 'customers.share-of-wallet-changed.v1': {
      const d = event.data;
      return out(CustomerEventTypes.shareOfWalletChanged, d.customerId, {
        customerId: d.customerId,
        overall: d.overall && publishedShare(d.overall),
        byCategory: Object.fromEntries(Object.entries(d.byCategory).map(([category, share]) => [category, publishedShare(share)])),
        windowMonths: d.windowMonths,
        changedAt: d.at,
        policyVersion: d.policyVersion,
      });
    }
    case 'customers.reclaim-warning-issued.v1':
    case 'customers.customer-became-reclaimable.v1':
    case 'customers.reclaim-clock-reset.v1': {
      const d = event.data;
      const status = event.type === 'customers.reclaim-warning-issued.v1' ? 'warned' : event.type === 'customers.reclaim-clock-reset.v1' ? 'cleared' : 'reclaimable';
      const reclaimableAt =
        event.type === 'customers.reclaim-warning-issued.v1'
          ? event.data.reclaimableAt
          : event.type === 'customers.customer-became-reclaimable.v1'
            ? event.data.reclaimableSince
            : null;
      return out(CustomerEventTypes.reclaimabilityChanged, d.customerId, {
        customerId: d.customerId,
        ownerId: d.ownerId,
        status,
        lastOwnerContactAt: d.lastOwnerContactAt,
        reclaimableAt,
        changedAt: d.at,
        policyVersion: d.policyVersion,
      });
    }
    case 'customers.referrer-recorded.v1':
      return out(CustomerEventTypes.referralRecorded, event.data.customerId, { customerId: event.data.customerId, referrerId: event.data.referrerId, recordedAt: event.data.at });
    case 'customers.leaving-signalled.v1':
      return out(CustomerEventTypes.leavingSignalled, event.data.customerId, { customerId: event.data.customerId, ownerId: event.data.ownerId, signalledAt: event.data.at });
    case 'customers.win-back-complaint-raised.v1': {
      const d = event.data;
      return out(CustomerEventTypes.winBackComplaintRaised, d.customerId, {
        customerId: d.customerId,
        complaintId: d.complaintId,
        ownerId: d.ownerId,
        apologised: d.apologised,
        raisedBy: d.by,
        raisedAt: d.at,
      });
    }
    case 'customers.customer-won-back.v1':
      return out(CustomerEventTypes.wonBack, event.data.customerId, { customerId: event.data.customerId, ownerId: event.data.ownerId, closedAt: event.data.at });
    case 'customers.customer-lost.v1':
      return out(CustomerEventTypes.lost, event.data.customerId, { customerId: event.data.customerId, ownerId: event.data.ownerId, closedAt: event.data.at });
    case 'customers.customer-absorbed.v1': {
      const d = event.data;
      return out(CustomerEventTypes.merged, d.customerId, { survivorId: d.customerId, mergedId: d.absorbed.customerId, mergeId: d.mergeId, mergedAt: d.at });
    }
    case 'customers.merge-undone.v1': {
      const d = event.data;
      return out(CustomerEventTypes.unmerged, d.customerId, { survivorId: d.customerId, restoredId: d.mergedCustomerId, mergeId: d.mergeId, unmergedAt: d.at });
    }
    case 'customers.category-spend-estimated.v1':
    case 'customers.card-updated.v1':
    case 'customers.card-fields-confirmed.v1':
    case 'customers.referral-qualified.v1':
    case 'customers.referral-points-awarded.v1':
    case 'customers.win-back-background-gathered.v1':
    case 'customers.win-back-decision-maker-reached.v1':
    case 'customers.win-back-answers-recorded.v1':
    case 'customers.win-back-root-cause-classified.v1':
    case 'customers.win-back-worth-decided.v1':
    case 'customers.win-back-followed-up.v1':
    case 'customers.win-back-handed-over.v1':
    case 'customers.win-back-concession-granted.v1':
    case 'customers.customer-merged-into.v1':
    case 'customers.customer-unmerged.v1':
    case 'customers.contact-key-claimed.v1':
    case 'customers.contact-key-released.v1':
    case 'customers.contact-key-repointed.v1':
    case 'customers.duplicate-registration-refused.v1':
    case 'customers.customers-imported.v1':
    // A5: erasure needs no message: every service seals a customer's fields with the same key, now destroyed.
    case 'customers.customer-erased.v1':
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
