import type { ProjectionView } from '@rapport/platform-eventsourcing';
import type { IntegrationEvent, TopicProjection } from '@rapport/platform-messaging';
import { CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerIntegrationEvent } from '@rapport/customers-contracts';
import { DIRECTORY_TOPIC, DirectoryEventTypes, type DirectoryPayloadsV1 } from '@rapport/directory-contracts';
import type { Tier } from '@rapport/feedback-domain';
import { CUSTOMER_ISSUES, ISSUE_LOST, type CustomerIssuesDoc, type IssueLostDoc } from './feedback.projection';

export const FEEDBACK_CUSTOMERS = 'feedback_customers';
export const FEEDBACK_PEOPLE = 'feedback_people';

/** What feedback keeps of a customer, from `rapport.customers.v1` only (it never reads the customers store). */
export interface CustomerFactsDoc {
  readonly id: string;
  readonly ownerId: string | null;
  readonly tier: Tier | null;
  readonly grade: string | null;
  readonly stage: string | null;
  readonly shareOfWallet: number | null;
  /** Not published by customers yet: segments read "unknown" until it is. */
  readonly industry: string | null;
  readonly lastPurchaseAt: string | null;
  /** Left (leaving signalled or lost): F6 counts the damage of what they cited. */
  readonly left: boolean;
  /** Merged into another record (C2). */
  readonly mergedInto: string | null;
}

export interface PersonFactsDoc {
  readonly id: string;
  readonly teamId: string | null;
  readonly managerId: string | null;
  readonly active: boolean;
}

const blank = (id: string): CustomerFactsDoc => ({ id, ownerId: null, tier: null, grade: null, stage: null, shareOfWallet: null, industry: null, lastPurchaseAt: null, left: false, mergedInto: null });

type DirectoryMessage = { [T in keyof DirectoryPayloadsV1]: { readonly type: T; readonly data: DirectoryPayloadsV1[T] } }[keyof DirectoryPayloadsV1];
const customerTypes = new Set<string>(Object.values(CustomerEventTypes));
const directoryTypes = new Set<string>(Object.values(DirectoryEventTypes));
export const isCustomerMessage = (event: IntegrationEvent): event is IntegrationEvent & CustomerIntegrationEvent => customerTypes.has(event.type);
const isDirectoryMessage = (event: IntegrationEvent): event is IntegrationEvent & DirectoryMessage => directoryTypes.has(event.type);

async function change(view: ProjectionView, customerId: string, patch: Partial<CustomerFactsDoc>): Promise<CustomerFactsDoc> {
  const doc = { ...((await view.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, customerId)) ?? blank(customerId)), ...patch };
  view.put<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, doc);
  return doc;
}

/** F6: a customer who left adds the categories they cited (per response) to the damage of those categories, once. */
async function left(view: ProjectionView, customerId: string): Promise<void> {
  const before = await view.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, customerId);
  if (before?.left) return;
  await change(view, customerId, { left: true });
  const cited = await view.get<CustomerIssuesDoc>(CUSTOMER_ISSUES, customerId);
  for (const [category, responses] of Object.entries(cited?.counts ?? {})) {
    const doc = (await view.get<IssueLostDoc>(ISSUE_LOST, category)) ?? { id: category, lost: 0 };
    view.put<IssueLostDoc>(ISSUE_LOST, { id: category, lost: doc.lost + responses });
  }
}

async function applyCustomer(event: CustomerIntegrationEvent, view: ProjectionView): Promise<void> {
  switch (event.type) {
    case CustomerEventTypes.registered:
      await change(view, event.data.customerId, { ownerId: event.data.ownerId });
      return;
    case CustomerEventTypes.ownershipChanged:
    case CustomerEventTypes.collaboratorsChanged:
      await change(view, event.data.customerId, { ownerId: event.data.ownerId });
      return;
    case CustomerEventTypes.purchaseRecorded:
      await change(view, event.data.customerId, { lastPurchaseAt: event.data.occurredAt });
      return;
    case CustomerEventTypes.stageChanged:
      await change(view, event.data.customerId, { stage: event.data.to });
      if (event.data.to === 'lost' || event.data.to === 'leaving') await left(view, event.data.customerId);
      return;
    case CustomerEventTypes.tierChanged:
      await change(view, event.data.customerId, { tier: event.data.to });
      return;
    case CustomerEventTypes.gradeChanged:
      await change(view, event.data.customerId, { grade: event.data.to });
      return;
    case CustomerEventTypes.shareOfWalletChanged:
      await change(view, event.data.customerId, { shareOfWallet: event.data.overall?.share ?? null });
      return;
    case CustomerEventTypes.leavingSignalled:
    case CustomerEventTypes.lost:
      await left(view, event.data.customerId);
      return;
    case CustomerEventTypes.merged:
      await change(view, event.data.mergedId, { mergedInto: event.data.survivorId });
      return;
    case CustomerEventTypes.unmerged:
      await change(view, event.data.restoredId, { mergedInto: null });
      return;
    // Not a fact feedback segments or asks by.
    case CustomerEventTypes.contactLogged:
    case CustomerEventTypes.reclaimabilityChanged:
    case CustomerEventTypes.referralRecorded:
    case CustomerEventTypes.winBackComplaintRaised:
    case CustomerEventTypes.wonBack:
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function applyPerson(event: DirectoryMessage, view: ProjectionView): Promise<void> | void {
  switch (event.type) {
    case DirectoryEventTypes.personRegistered:
    case DirectoryEventTypes.personUpdated: {
      const d = event.data;
      return view.put<PersonFactsDoc>(FEEDBACK_PEOPLE, { id: d.personId, teamId: d.teamId, managerId: d.managerId, active: d.active });
    }
    case DirectoryEventTypes.personDeactivated:
    case DirectoryEventTypes.personReactivated: {
      const d = event.data;
      return view.get<PersonFactsDoc>(FEEDBACK_PEOPLE, d.personId).then((before) =>
        view.put<PersonFactsDoc>(FEEDBACK_PEOPLE, { id: d.personId, teamId: before?.teamId ?? null, managerId: before?.managerId ?? null, active: d.active }),
      );
    }
    case DirectoryEventTypes.teamDefined:
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * Feedback's copy of the customer facts it segments and routes by (owner, tier, grade, stage, share of wallet,
 * purchases, leaving) and of the directory (team, manager), from the published topics.
 */
export const customerFactsProjection: TopicProjection = {
  name: 'feedback-customer-facts',
  version: 1,
  topics: [CUSTOMERS_TOPIC, DIRECTORY_TOPIC],
  collections: [
    { name: FEEDBACK_CUSTOMERS, indexes: [['ownerId'], ['stage']] },
    { name: FEEDBACK_PEOPLE, indexes: [['teamId']] },
    { name: ISSUE_LOST },
  ],
  async apply(event: IntegrationEvent, view) {
    if (isCustomerMessage(event)) return applyCustomer(event, view);
    if (isDirectoryMessage(event)) return applyPerson(event, view);
  },
};
