import type {
  Assignment,
  CardField,
  CardFields,
  ContactChannel,
  ContactOutcome,
  Grade,
  RegistrationAttempt,
  Stage,
  Tier,
  WalletShare,
  WinBackStep,
} from '@rapport/customers-domain';

/** Read-model collections of the customers service. */
export const CUSTOMER_CARDS = 'customer_cards';
export const REGISTRATION_REFUSALS = 'registration_refusals';
/** The refusals naming each existing customer, so her erasure (A5) reaches them without a scan. */
export const REFUSALS_BY_HOLDER = 'registration_refusals_by_holder';
export const AUTO_ASSIGNMENTS = 'auto_assignments';
export const REP_LOADS = 'rep_loads';
export const POSSIBLE_DUPLICATES = 'possible_duplicates';

/** Totals that a merge adds to the survivor and an unmerge takes away again (C2). */
export interface CardTotals {
  readonly contactCount: number;
  readonly purchaseCount: number;
  readonly lifetimeSpend: number;
  readonly firstPurchaseAt: string | null;
  readonly lastPurchaseAt: string | null;
}

/**
 * The customer card (C9): identity, relationship fields with when each was last confirmed, ownership,
 * and the derived values (stage, tier, grade, share of wallet, reclaim clock) as events announced them.
 */
export interface CustomerCard extends CardFields {
  readonly id: string;
  readonly status: 'active' | 'merged';
  readonly mergedInto: string | null;
  readonly confirmedAt: Readonly<Partial<Record<CardField, string>>>;
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly source: string;
  readonly ownerId: string;
  readonly ownerSince: string;
  readonly ownerAssignment: 'registration' | 'transfer' | 'merge' | Assignment;
  readonly collaboratorIds: readonly string[];
  /** `|owner|collaborator|…|`: lets a rep's search match "customers I work on" with one `contains`. */
  readonly members: string;
  readonly stage: Stage | null;
  readonly stageSince: string | null;
  readonly tier: Tier | null;
  readonly lifetimePoints: number;
  readonly grade: Grade | null;
  readonly gradeReason: string | null;
  readonly gradedAt: string | null;
  /** C7/C11: the last grade was given while a win-back was open. */
  readonly gradedDuringWinBack: boolean;
  readonly lastContact: {
    readonly contactId: string;
    readonly channel: ContactChannel;
    readonly outcome: ContactOutcome;
    readonly occurredAt: string;
    readonly by: string;
  } | null;
  readonly lastContactAt: string | null;
  readonly lastOwnerContactAt: string | null;
  /** C4: the reclaim clock runs from here (last owner contact, or when the owner got the customer). */
  readonly reclaimBasisAt: string;
  readonly reclaimStatus: 'ok' | 'warned' | 'reclaimable';
  readonly nextStep: string | null;
  readonly nextFollowUpAt: string | null;
  readonly own: CardTotals;
  readonly absorbedTotals: Readonly<Record<string, CardTotals & { readonly customerId: string; readonly at: string }>>;
  /** own + absorbed, what the card shows. */
  readonly contactCount: number;
  /** C5: follow-ups since the last purchase, and rejections in a row (count, don't give up). */
  readonly followUpsSinceLastPurchase: number;
  readonly rejectionsInARow: number;
  readonly purchaseCount: number;
  readonly lifetimeSpend: number;
  readonly firstPurchaseAt: string | null;
  readonly lastPurchaseAt: string | null;
  readonly estimates: Readonly<Record<string, number>>;
  readonly shareOfWallet: { readonly overall: WalletShare | null; readonly byCategory: Readonly<Record<string, WalletShare>> } | null;
  /** Queryable flag: only customers with an estimate have a share of wallet that time can change (C12). */
  readonly hasWalletEstimate: boolean;
  /** C10. */
  readonly referrerId: string | null;
  readonly referralsMade: number;
  readonly isCoach: boolean;
  readonly winBack: {
    readonly status: 'open' | 'won-back' | 'lost';
    readonly signal: string;
    readonly signalledAt: string;
    readonly steps: readonly WinBackStep[];
    readonly whyLeaving: string | null;
    readonly whatWouldMakeStay: string | null;
    readonly rootCause: string | null;
    readonly worthIt: boolean | null;
    readonly closedAt: string | null;
    /** Step 2: who was reached, with their title. */
    readonly decisionMaker?: string | null;
    /** K1: a complaint raised from the answers, for the complaints service. */
    readonly complaintId?: string | null;
    /** The rep who took the win-back over (root cause: a person). */
    readonly handledBy?: string | null;
    /** Concessions granted to win the customer back: precedent the manager sees. */
    readonly concessions?: readonly string[];
  } | null;
  readonly mergedFrom: readonly string[];
  /** A5: when the customer's personal data was erased; no personal field is on the card since. */
  readonly erasedAt?: string | null;
  /** Global position of the last event reflected here. */
  readonly position: number;
}

/** C1: one refused registration attempt, for the duplicates list. */
export interface RegistrationRefusal {
  readonly id: string;
  /** The contact key both shared; null once the existing customer is erased (A5). */
  readonly key: string | null;
  readonly matchedOn: 'phone' | 'email';
  readonly existingCustomerId: string;
  readonly existingOwnerId: string | null;
  readonly attemptedBy: string;
  readonly attemptedAt: string;
  readonly attempt: RegistrationAttempt;
  readonly source: string;
}

export interface RefusalsOfHolder {
  readonly id: string;
  readonly refusalIds: readonly string[];
}

/** C4: when each rep last got a customer by auto-assignment, for the round-robin rotation. */
export interface AutoAssignmentRecord {
  readonly id: string;
  readonly lastAssignedAt: string;
  /** The assignment's global position: orders assignments made at one instant (a sweep). */
  readonly lastAssignedSeq?: number;
}

/** C4: how many active customers each rep owns, for least-busy assignment. */
export interface RepLoad {
  readonly id: string;
  readonly owned: number;
}

/** C1: active records sharing a normalised name + company (`id` is that key): possibly one customer. */
export interface PossibleDuplicateGroup {
  readonly id: string;
  readonly customerIds: readonly string[];
  readonly size: number;
}
