import type { DomainEvent } from '@rapport/platform-eventsourcing';
import type { CardField, CardFields } from './customer-card.fields';
import type { Grade, Tier } from './customer.policy';
import type {
  AbsorbedCustomer,
  Assignment,
  ContactChannel,
  ContactDirection,
  ContactOutcome,
  DecisionMakerRank,
  PurchaseFact,
  RegistrationSource,
  RootCause,
  RootCauseKind,
  Stage,
} from './customer.vocabulary';

export * from './customer.vocabulary';

/**
 * Internal events of the customer stream (`customer-<id>`). Other services never see these: they get the
 * contracts of @rapport/customers-contracts, mapped explicitly. Every event names who (`by`) and when (`at`);
 * the why is the envelope's `reason` and, where the rule demands one, a `reason` field of the event itself.
 */
type Ev<T extends string, D> = DomainEvent<`customers.${T}.v1`, D>;

export type CustomerRegistered = Ev<
  'customer-registered',
  {
    readonly customerId: string;
    readonly name: string;
    /** E.164, normalised at registration (C1). */
    readonly phone: string | null;
    /** Lower case, trimmed (C1). */
    readonly email: string | null;
    /** C3: the registering rep owns the customer (a manager's import may name the owning rep). */
    readonly ownerId: string;
    readonly registeredAt: string;
    readonly company?: string | null;
    readonly registeredBy?: string;
    readonly source?: RegistrationSource;
    readonly importId?: string;
  }
>;

export type OwnershipTransferred = Ev<
  'ownership-transferred',
  { readonly customerId: string; readonly fromOwnerId: string; readonly toOwnerId: string; readonly reason: string; readonly by: string; readonly at: string }
>;

export type CustomerReclaimed = Ev<
  'customer-reclaimed',
  {
    readonly customerId: string;
    readonly fromOwnerId: string;
    readonly toOwnerId: string;
    readonly assignment: Assignment;
    readonly reason: string;
    /** The last owner contact (or ownership start) the neglect was measured from. */
    readonly lastOwnerContactAt: string;
    /**
     * C4: the neglected follow-up does not pass to the new owner as overdue; it is reset to a first contact
     * due within `reclaim.newOwnerFirstContactDays`. Absent on reclaims recorded before this rule.
     */
    readonly followUp?: { readonly nextStep: string; readonly nextStepAt: string };
    readonly by: string;
    readonly at: string;
    readonly policyVersion: string;
  }
>;

/**
 * C2/C3: a merge never moves a customer behind the rep's back. When the merged record was registered first,
 * its owner owns the survivor, and the change is recorded as its own event naming the merge (and undone with it).
 */
export type OwnershipChangedByMerge = Ev<
  'ownership-changed-by-merge',
  {
    readonly customerId: string;
    readonly mergeId: string;
    readonly mergedCustomerId: string;
    readonly fromOwnerId: string;
    readonly toOwnerId: string;
    /** `merge`: the first-registered record's owner takes over; `unmerge`: the merge is undone, so is its owner change. */
    readonly cause: 'merge' | 'unmerge';
    readonly reason: string;
    readonly by: string;
    readonly at: string;
  }
>;

/** Collaborator events carry the owner and the whole list after the change, so consumers never replay adds and removes. */
interface CollaboratorChange {
  readonly customerId: string;
  readonly collaboratorId: string;
  readonly ownerId: string;
  readonly collaboratorIds: readonly string[];
  readonly by: string;
  readonly at: string;
}
export type CollaboratorAdded = Ev<'collaborator-added', CollaboratorChange>;
export type CollaboratorRemoved = Ev<'collaborator-removed', CollaboratorChange & { readonly reason: string | null }>;

export type ContactLogged = Ev<
  'contact-logged',
  {
    readonly customerId: string;
    readonly contactId: string;
    readonly channel: ContactChannel;
    readonly direction: ContactDirection;
    readonly outcome: ContactOutcome;
    readonly notes: string | null;
    readonly nextStep: string | null;
    readonly nextStepAt: string | null;
    readonly occurredAt: string;
    /** C4: only the owner's contacts reset the reclaim clock. */
    readonly byOwner: boolean;
    readonly by: string;
    readonly at: string;
  }
>;

export type ReclaimWarningIssued = Ev<
  'reclaim-warning-issued',
  { readonly customerId: string; readonly ownerId: string; readonly lastOwnerContactAt: string; readonly reclaimableAt: string; readonly at: string; readonly policyVersion: string }
>;
export type CustomerBecameReclaimable = Ev<
  'customer-became-reclaimable',
  { readonly customerId: string; readonly ownerId: string; readonly lastOwnerContactAt: string; readonly reclaimableSince: string; readonly at: string; readonly policyVersion: string }
>;
export type ReclaimClockReset = Ev<
  'reclaim-clock-reset',
  { readonly customerId: string; readonly ownerId: string; readonly lastOwnerContactAt: string; readonly at: string; readonly policyVersion: string }
>;

export type GradeSet = Ev<
  'grade-set',
  {
    readonly customerId: string;
    readonly grade: Grade;
    readonly previousGrade: Grade | null;
    readonly reason: string;
    /** C7/C11: graded while a win-back is open; the card flags it, since a grade then says more about the rep's hopes. */
    readonly duringWinBack?: boolean;
    readonly by: string;
    readonly at: string;
  }
>;

export type PurchaseRecorded = Ev<
  'purchase-recorded',
  PurchaseFact & {
    readonly customerId: string;
    readonly currency: string;
    readonly points: number;
    /** Lifetime points after this purchase, own and absorbed (C8). */
    readonly lifetimePoints: number;
    readonly by: string;
    readonly at: string;
    readonly policyVersion: string;
  }
>;

export type CategorySpendEstimated = Ev<
  'category-spend-estimated',
  { readonly customerId: string; readonly category: string; readonly estimatedAnnualSpend: number; readonly currency: string; readonly by: string; readonly at: string }
>;

export type CardUpdated = Ev<'card-updated', { readonly customerId: string; readonly changes: Partial<CardFields>; readonly by: string; readonly at: string }>;
export type CardFieldsConfirmed = Ev<
  'card-fields-confirmed',
  { readonly customerId: string; readonly fields: readonly CardField[]; readonly by: string; readonly at: string }
>;

export type ReferrerRecorded = Ev<'referrer-recorded', { readonly customerId: string; readonly referrerId: string; readonly by: string; readonly at: string }>;
/** C8/C10: the referred customer made a first purchase: the referrer earns referral points. */
export type ReferralQualified = Ev<'referral-qualified', { readonly customerId: string; readonly referrerId: string; readonly at: string }>;
export type ReferralPointsAwarded = Ev<
  'referral-points-awarded',
  {
    readonly customerId: string;
    readonly referredCustomerId: string;
    readonly points: number;
    readonly lifetimePoints: number;
    readonly by: string;
    readonly at: string;
    readonly policyVersion: string;
  }
>;

export type TierChanged = Ev<
  'tier-changed',
  { readonly customerId: string; readonly from: Tier | null; readonly to: Tier | null; readonly lifetimePoints: number; readonly at: string; readonly policyVersion: string }
>;
export type StageChanged = Ev<
  'stage-changed',
  { readonly customerId: string; readonly from: Stage | null; readonly to: Stage; readonly at: string; readonly policyVersion: string }
>;

export interface WalletShare {
  /** our spend / their estimated spend over the window, 0..1: never above 1 (C12). */
  readonly share: number;
  readonly ourSpend: number;
  readonly estimatedSpend: number;
  /** C12: our spend has outgrown the estimate; the share shows 1 and the estimate needs a new look. */
  readonly estimateBelowOurSpend?: true;
}
export type ShareOfWalletChanged = Ev<
  'share-of-wallet-changed',
  {
    readonly customerId: string;
    readonly overall: WalletShare | null;
    readonly byCategory: Readonly<Record<string, WalletShare>>;
    readonly windowMonths: number;
    readonly at: string;
    readonly policyVersion: string;
  }
>;

export type LeavingSignalled = Ev<
  'leaving-signalled',
  { readonly customerId: string; readonly ownerId: string; readonly signal: string; readonly by: string; readonly at: string }
>;
export type WinBackBackgroundGathered = Ev<'win-back-background-gathered', { readonly customerId: string; readonly background: string; readonly by: string; readonly at: string }>;
export type WinBackDecisionMakerReached = Ev<
  'win-back-decision-maker-reached',
  {
    readonly customerId: string;
    /** The person's name. */
    readonly decisionMaker: string;
    /** C11: a person with a title (absent on steps recorded before the rule). */
    readonly title?: string;
    /** `decision-maker`, or `highest-reachable` when the decision-maker could not be reached. */
    readonly rank?: DecisionMakerRank;
    /** Step 2 is a contact: the id of the contact-logged event recorded with it (C5). */
    readonly contactId?: string;
    readonly notes: string | null;
    readonly by: string;
    readonly at: string;
  }
>;
export type WinBackAnswersRecorded = Ev<
  'win-back-answers-recorded',
  {
    readonly customerId: string;
    readonly whyLeaving: string;
    readonly whatWouldMakeStay: string;
    /** C11/K1: the answer is a complaint; `win-back-complaint-raised` follows for the complaints service. */
    readonly isComplaint?: boolean;
    readonly by: string;
    readonly at: string;
  }
>;
/** C11 → K1: an answer that is a complaint opens one; the complaints service consumes the published event. */
export type WinBackComplaintRaised = Ev<
  'win-back-complaint-raised',
  {
    readonly customerId: string;
    readonly complaintId: string;
    readonly ownerId: string;
    readonly description: string;
    /** The rep apologised to the customer when the complaint was heard (C11). */
    readonly apologised: boolean;
    readonly by: string;
    readonly at: string;
  }
>;
/** C11: a root cause that is a person: another rep takes over the win-back (and becomes a collaborator to do it). */
export type WinBackHandedOver = Ev<
  'win-back-handed-over',
  { readonly customerId: string; readonly fromRepId: string; readonly toRepId: string; readonly reason: string; readonly by: string; readonly at: string }
>;
/** C11: a concession granted to win one customer back is a precedent others will ask for: the manager sees it. */
export type WinBackConcessionGranted = Ev<
  'win-back-concession-granted',
  { readonly customerId: string; readonly ownerId: string; readonly concession: string; readonly by: string; readonly at: string }
>;
export type WinBackRootCauseClassified = Ev<
  'win-back-root-cause-classified',
  { readonly customerId: string; readonly kind: RootCauseKind; readonly cause: RootCause; readonly notes: string | null; readonly by: string; readonly at: string }
>;
export type WinBackWorthDecided = Ev<
  'win-back-worth-decided',
  { readonly customerId: string; readonly worthIt: boolean; readonly reason: string; readonly by: string; readonly at: string }
>;
export type WinBackFollowedUp = Ev<
  'win-back-followed-up',
  { readonly customerId: string; readonly whatChanged: string; readonly contactId?: string; readonly concession?: string | null; readonly by: string; readonly at: string }
>;
interface WinBackOutcome {
  readonly customerId: string;
  readonly ownerId: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}
export type CustomerWonBack = Ev<'customer-won-back', WinBackOutcome>;
export type CustomerLost = Ev<'customer-lost', WinBackOutcome>;

export type CustomerMergedInto = Ev<
  'customer-merged-into',
  { readonly customerId: string; readonly survivorId: string; readonly mergeId: string; readonly reason: string; readonly by: string; readonly at: string }
>;
export type CustomerAbsorbed = Ev<
  'customer-absorbed',
  {
    readonly customerId: string;
    readonly mergeId: string;
    readonly absorbed: AbsorbedCustomer;
    /** Each field's winner, chosen explicitly where the two records disagreed (C2). */
    readonly fieldWinners: Readonly<Partial<Record<CardField, 'survivor' | 'merged'>>>;
    /** The survivor's card before the merge: the unmerge restores it. */
    readonly cardBefore: CardFields;
    readonly cardAfter: CardFields;
    readonly lifetimePoints: number;
    readonly reason: string;
    readonly by: string;
    readonly at: string;
  }
>;
export type MergeUndone = Ev<
  'merge-undone',
  {
    readonly customerId: string;
    readonly mergeId: string;
    readonly mergedCustomerId: string;
    readonly cardRestored: CardFields;
    readonly lifetimePoints: number;
    readonly reason: string;
    readonly by: string;
    readonly at: string;
  }
>;
export type CustomerUnmerged = Ev<
  'customer-unmerged',
  { readonly customerId: string; readonly survivorId: string; readonly mergeId: string; readonly reason: string; readonly by: string; readonly at: string }
>;

/**
 * A5: the customer's personal data was erased. Their data key is destroyed before this is recorded, so every
 * personal field of their history reads as null from then on; the events, and what they prove, stay.
 */
export type CustomerErased = Ev<
  'customer-erased',
  { readonly customerId: string; readonly basis: ErasureBasis; readonly releasedKeys: number; readonly by: string; readonly at: string }
>;
/** Why: the person asked (GDPR Art. 17), the retention period ran out, or a legal order. Never free text, so never personal. */
export type ErasureBasis = 'data-subject-request' | 'retention-expired' | 'legal-order';
export const ERASURE_BASES: readonly ErasureBasis[] = ['data-subject-request', 'retention-expired', 'legal-order'];

export type CustomerEvent =
  | CustomerRegistered
  | OwnershipTransferred
  | CustomerReclaimed
  | OwnershipChangedByMerge
  | CollaboratorAdded
  | CollaboratorRemoved
  | ContactLogged
  | ReclaimWarningIssued
  | CustomerBecameReclaimable
  | ReclaimClockReset
  | GradeSet
  | PurchaseRecorded
  | CategorySpendEstimated
  | CardUpdated
  | CardFieldsConfirmed
  | ReferrerRecorded
  | ReferralQualified
  | ReferralPointsAwarded
  | TierChanged
  | StageChanged
  | ShareOfWalletChanged
  | LeavingSignalled
  | WinBackBackgroundGathered
  | WinBackDecisionMakerReached
  | WinBackAnswersRecorded
  | WinBackComplaintRaised
  | WinBackHandedOver
  | WinBackConcessionGranted
  | WinBackRootCauseClassified
  | WinBackWorthDecided
  | WinBackFollowedUp
  | CustomerWonBack
  | CustomerLost
  | CustomerMergedInto
  | CustomerAbsorbed
  | MergeUndone
  | CustomerUnmerged
  | CustomerErased;

export const customerStreamId = (customerId: string): string => `customer-${customerId}`;
