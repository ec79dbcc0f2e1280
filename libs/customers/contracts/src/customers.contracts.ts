/**
 * Integration events of the customers service, published on {@link CUSTOMERS_TOPIC} as CloudEvents whose
 * subject is the customer id and whose partition key is the customer id (per-customer order).
 * This is a public contract with other services and integrators: a change that breaks a consumer gets a
 * new type version (`.v2`) published beside the old one, never an edit of `.v1`.
 * Payloads carry ids, codes, amounts and dates, and no personal data (A5): no name (`displayName` is a pseudonym
 * of the id), no free text (`reason` says only what kind of change). Consumers that
 * need more ask the customers API with their own authority.
 */
export const CUSTOMERS_TOPIC = 'rapport.customers.v1';
export const CUSTOMERS_SOURCE = '/rapport/customers';

export const CustomerEventTypes = {
  registered: 'rapport.customers.customer-registered.v1',
  ownershipChanged: 'rapport.customers.ownership-changed.v1',
  collaboratorsChanged: 'rapport.customers.collaborators-changed.v1',
  contactLogged: 'rapport.customers.contact-logged.v1',
  purchaseRecorded: 'rapport.customers.purchase-recorded.v1',
  stageChanged: 'rapport.customers.stage-changed.v1',
  tierChanged: 'rapport.customers.tier-changed.v1',
  gradeChanged: 'rapport.customers.grade-changed.v1',
  shareOfWalletChanged: 'rapport.customers.share-of-wallet-changed.v1',
  reclaimabilityChanged: 'rapport.customers.reclaimability-changed.v1',
  referralRecorded: 'rapport.customers.referral-recorded.v1',
  leavingSignalled: 'rapport.customers.leaving-signalled.v1',
  winBackComplaintRaised: 'rapport.customers.win-back-complaint-raised.v1',
  wonBack: 'rapport.customers.customer-won-back.v1',
  lost: 'rapport.customers.customer-lost.v1',
  merged: 'rapport.customers.customers-merged.v1',
  unmerged: 'rapport.customers.customers-unmerged.v1',
} as const;
export type CustomerEventTypeV1 = (typeof CustomerEventTypes)[keyof typeof CustomerEventTypes];

export type StageV1 =
  | 'prospect-with-intent'
  | 'prospect-without-intent'
  | 'new-buyer'
  | 'long-standing'
  | 'lapsed'
  | 'leaving'
  | 'lost'
  | 'won-back';
export type TierV1 = 'member' | 'silver' | 'gold' | 'platinum' | 'diamond';
export type GradeV1 = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export interface CustomerRegisteredV1 {
  readonly customerId: string;
  readonly ownerId: string;
  readonly displayName: string;
  readonly registeredAt: string;
}

/** C3/C4: the one owner changed. Sales gating (G6) and the scheduler re-key on it. */
export interface OwnershipChangedV1 {
  readonly customerId: string;
  readonly previousOwnerId: string;
  readonly ownerId: string;
  readonly cause: 'transfer' | 'reclaim';
  /** For reclaims: who chose the new owner. */
  readonly assignment: 'manager' | 'least-busy' | 'round-robin' | null;
  readonly reason: string;
  readonly changedAt: string;
}

/** C3: the full current list, so a consumer never has to replay adds and removes. */
export interface CollaboratorsChangedV1 {
  readonly customerId: string;
  readonly ownerId: string;
  readonly collaboratorIds: readonly string[];
  readonly changedAt: string;
}

/** C5: no notes (personal data); the next-step date feeds follow-up cadences (S1) and snoozes (G5). */
export interface ContactLoggedV1 {
  readonly customerId: string;
  readonly contactId: string;
  readonly channel: 'call' | 'visit' | 'email' | 'message' | 'meeting' | 'event' | 'gift';
  readonly direction: 'inbound' | 'outbound';
  readonly outcome: 'reached' | 'no-answer' | 'rejected' | 'interested' | 'not-now' | 'purchased';
  readonly occurredAt: string;
  readonly loggedBy: string;
  readonly byOwner: boolean;
  readonly nextStepAt: string | null;
}

/** C8/C12. Survey triggers (F4) fire 14 days after it. */
export interface PurchaseRecordedV1 {
  readonly customerId: string;
  readonly purchaseId: string;
  readonly amount: number;
  readonly currency: string;
  readonly category: string;
  readonly occurredAt: string;
  readonly points: number;
}

export interface StageChangedV1 {
  readonly customerId: string;
  readonly from: StageV1 | null;
  readonly to: StageV1;
  readonly changedAt: string;
  readonly policyVersion: string;
}

export interface TierChangedV1 {
  readonly customerId: string;
  readonly from: TierV1 | null;
  readonly to: TierV1 | null;
  readonly lifetimePoints: number;
  readonly changedAt: string;
  readonly policyVersion: string;
}

export interface GradeChangedV1 {
  readonly customerId: string;
  readonly from: GradeV1 | null;
  readonly to: GradeV1;
  readonly changedAt: string;
}

export interface WalletShareV1 {
  readonly share: number;
  readonly ourSpend: number;
  readonly estimatedSpend: number;
}

/** C12: sales gating segments on it (G3). `overall` is null when no category spend was estimated. */
export interface ShareOfWalletChangedV1 {
  readonly customerId: string;
  readonly overall: WalletShareV1 | null;
  readonly byCategory: Readonly<Record<string, WalletShareV1>>;
  readonly windowMonths: number;
  readonly changedAt: string;
  readonly policyVersion: string;
}

/** C4: warned (the owner has until `reclaimableAt`), reclaimable, or cleared by a contact or a new owner. */
export interface ReclaimabilityChangedV1 {
  readonly customerId: string;
  readonly ownerId: string;
  readonly status: 'warned' | 'reclaimable' | 'cleared';
  readonly lastOwnerContactAt: string;
  readonly reclaimableAt: string | null;
  readonly changedAt: string;
  readonly policyVersion: string;
}

/** C10. */
export interface ReferralRecordedV1 {
  readonly customerId: string;
  readonly referrerId: string;
  readonly recordedAt: string;
}

/** C11. */
export interface LeavingSignalledV1 {
  readonly customerId: string;
  readonly ownerId: string;
  readonly signalledAt: string;
}

/** C11 → K1: a complaint heard during a win-back; the complaints service opens it under `complaintId` (its words stay inside, A5). */
export interface WinBackComplaintRaisedV1 {
  readonly customerId: string;
  readonly complaintId: string;
  readonly ownerId: string;
  readonly apologised: boolean;
  readonly raisedBy: string;
  readonly raisedAt: string;
}

export interface WinBackClosedV1 {
  readonly customerId: string;
  readonly ownerId: string;
  readonly closedAt: string;
}

/** C2: consumers keyed on customer ids re-point the merged id to the survivor. */
export interface CustomersMergedV1 {
  readonly survivorId: string;
  readonly mergedId: string;
  readonly mergeId: string;
  readonly mergedAt: string;
}

/** C2: a merge was undone; consumers point `restoredId` back to its own record. */
export interface CustomersUnmergedV1 {
  readonly survivorId: string;
  readonly restoredId: string;
  /** The merge that was undone. */
  readonly mergeId: string;
  readonly unmergedAt: string;
}

/**
 * The type decides the payload: each published type string maps to exactly one payload type, so publishing
 * a payload under the wrong type does not compile (see `CustomerIntegrationEvent`).
 */
export interface CustomerPayloadsV1 {
  readonly [CustomerEventTypes.registered]: CustomerRegisteredV1;
  readonly [CustomerEventTypes.ownershipChanged]: OwnershipChangedV1;
  readonly [CustomerEventTypes.collaboratorsChanged]: CollaboratorsChangedV1;
  readonly [CustomerEventTypes.contactLogged]: ContactLoggedV1;
  readonly [CustomerEventTypes.purchaseRecorded]: PurchaseRecordedV1;
  readonly [CustomerEventTypes.stageChanged]: StageChangedV1;
  readonly [CustomerEventTypes.tierChanged]: TierChangedV1;
  readonly [CustomerEventTypes.gradeChanged]: GradeChangedV1;
  readonly [CustomerEventTypes.shareOfWalletChanged]: ShareOfWalletChangedV1;
  readonly [CustomerEventTypes.reclaimabilityChanged]: ReclaimabilityChangedV1;
  readonly [CustomerEventTypes.referralRecorded]: ReferralRecordedV1;
  readonly [CustomerEventTypes.leavingSignalled]: LeavingSignalledV1;
  readonly [CustomerEventTypes.winBackComplaintRaised]: WinBackComplaintRaisedV1;
  readonly [CustomerEventTypes.wonBack]: WinBackClosedV1;
  readonly [CustomerEventTypes.lost]: WinBackClosedV1;
  readonly [CustomerEventTypes.merged]: CustomersMergedV1;
  readonly [CustomerEventTypes.unmerged]: CustomersUnmergedV1;
}

/** A published customers event as a discriminated union: `{ type, data }` pairs that belong together. */
export type CustomerIntegrationEvent = {
  readonly [T in CustomerEventTypeV1]: { readonly type: T; readonly data: CustomerPayloadsV1[T] };
}[CustomerEventTypeV1];
