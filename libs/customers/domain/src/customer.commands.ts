import type { CardField, CardFields } from './customer-card.fields';
import type {
  AbsorbedCustomer,
  Assignment,
  ContactChannel,
  ContactDirection,
  ContactOutcome,
  DecisionMakerRank,
  ErasureBasis,
  RegistrationSource,
  RootCause,
  RootCauseKind,
} from './customer.events';
import type { Grade } from './customer.policy';

/** Who sends a command: the authenticated principal (or the sweep), never a request-body field. */
export interface CommandActor {
  readonly id: string;
  readonly roles: readonly string[];
}

/** Every command carries its actor and the injected clock reading: decide never reads a clock. */
interface Meta {
  readonly actor: CommandActor;
  readonly now: Date;
}

type Command<T extends string, D = object> = Meta & { readonly type: T } & D;

export type RegisterCustomer = Command<
  'register-customer',
  {
    readonly customerId: string;
    readonly name: string;
    readonly phone: string | null;
    readonly email: string | null;
    readonly company?: string | null;
    /** The owner: the registering rep; a manager's import may name another rep (C3). */
    readonly ownerId?: string;
    readonly source?: RegistrationSource;
    readonly importId?: string;
  }
>;
/**
 * D1: where a person is about to own, collaborate on or be assigned a customer, the use case reads the directory
 * and passes their standing in; absent means no directory is consulted (the decider's own specs, merges).
 */
export type PersonStanding = 'active' | 'inactive' | 'unknown';

export type TransferOwnership = Command<'transfer-ownership', { readonly toOwnerId: string; readonly reason: string; readonly toOwnerStanding?: PersonStanding }>;
export type ReclaimCustomer = Command<
  'reclaim-customer',
  {
    readonly toOwnerId: string;
    readonly assignment: Assignment;
    readonly reason: string;
    /** D2: the owner as the directory says has left (read by the use case); their customers are not waited for. */
    readonly deactivatedOwnerId?: string;
    /** D1: the assignee's standing in the directory. */
    readonly toOwnerStanding?: PersonStanding;
  }
>;
export type AddCollaborator = Command<'add-collaborator', { readonly collaboratorId: string; readonly collaboratorStanding?: PersonStanding }>;
export type RemoveCollaborator = Command<'remove-collaborator', { readonly collaboratorId: string; readonly reason: string | null }>;
export type LogContact = Command<
  'log-contact',
  {
    readonly contactId: string;
    readonly channel: ContactChannel;
    readonly direction: ContactDirection;
    readonly outcome: ContactOutcome;
    readonly notes: string | null;
    readonly nextStep: string | null;
    readonly nextStepAt: Date | null;
    readonly occurredAt: Date;
  }
>;
export type SetGrade = Command<'set-grade', { readonly grade: Grade; readonly reason: string }>;
export type RecordPurchase = Command<
  'record-purchase',
  { readonly purchaseId: string; readonly amount: number; readonly currency: string; readonly category: string; readonly occurredAt: Date }
>;
export type EstimateCategorySpend = Command<
  'estimate-category-spend',
  { readonly category: string; readonly estimatedAnnualSpend: number; readonly currency: string }
>;
export type UpdateCard = Command<'update-card', { readonly changes: Partial<CardFields> }>;
export type ConfirmCardFields = Command<'confirm-card-fields', { readonly fields: readonly CardField[] }>;
export type RecordReferrer = Command<'record-referrer', { readonly referrerId: string }>;
export type AwardReferralPoints = Command<'award-referral-points', { readonly referredCustomerId: string }>;
/** The sweep: bring reclaimability, stage, tier and share of wallet up to date with the clock (C4, C6, C12). */
export type ReviewCustomer = Command<'review-customer'>;
export type SignalLeaving = Command<'signal-leaving', { readonly signal: string }>;
export type GatherWinBackBackground = Command<'gather-win-back-background', { readonly background: string }>;
/** C11 steps 2 and 6 are contacts (C5): they carry the contact's id, channel and direction. */
interface WinBackContact {
  readonly contactId: string;
  readonly channel: ContactChannel;
  readonly direction: ContactDirection;
}
export type ReachDecisionMaker = Command<
  'reach-decision-maker',
  WinBackContact & { readonly decisionMaker: string; readonly title: string; readonly rank: DecisionMakerRank; readonly notes: string | null }
>;
/** An answer that is a complaint names it, and whether the rep apologised (C11, K1). */
export interface WinBackComplaint {
  readonly complaintId: string;
  readonly description: string;
  readonly apologised: boolean;
}
export type RecordLeavingAnswers = Command<
  'record-leaving-answers',
  { readonly whyLeaving: string; readonly whatWouldMakeStay: string; readonly complaint?: WinBackComplaint | null }
>;
export type ClassifyRootCause = Command<
  'classify-root-cause',
  {
    readonly kind: RootCauseKind;
    readonly cause: RootCause;
    readonly notes: string | null;
    /** C11: required when the cause is a person: the rep who takes the win-back over. */
    readonly takeOverBy?: string | null;
  }
>;
export type DecideWinBackWorth = Command<'decide-win-back-worth', { readonly worthIt: boolean; readonly reason: string }>;
export type FollowUpWinBack = Command<'follow-up-win-back', WinBackContact & { readonly whatChanged: string; readonly concession?: string | null }>;
export type CloseWinBack = Command<'close-win-back', { readonly outcome: 'won-back' | 'lost'; readonly reason: string }>;
export type MarkMergedInto = Command<'mark-merged-into', { readonly survivorId: string; readonly mergeId: string; readonly reason: string }>;
export type AbsorbCustomer = Command<
  'absorb-customer',
  {
    readonly mergeId: string;
    readonly merged: AbsorbedCustomer;
    readonly mergedCard: CardFields;
    readonly fieldWinners: Readonly<Partial<Record<CardField, 'survivor' | 'merged'>>>;
    readonly reason: string;
  }
>;
export type UndoMerge = Command<'undo-merge', { readonly mergedCustomerId: string; readonly reason: string }>;
export type UnmergeCustomer = Command<'unmerge-customer', { readonly survivorId: string; readonly mergeId: string; readonly reason: string }>;

/** A5: erase the customer's personal data (their key is destroyed by the use case first). */
export type EraseCustomer = Command<'erase-customer', { readonly basis: ErasureBasis; readonly releasedKeys: number }>;

export type CustomerCommand =
  | RegisterCustomer
  | TransferOwnership
  | ReclaimCustomer
  | AddCollaborator
  | RemoveCollaborator
  | LogContact
  | SetGrade
  | RecordPurchase
  | EstimateCategorySpend
  | UpdateCard
  | ConfirmCardFields
  | RecordReferrer
  | AwardReferralPoints
  | ReviewCustomer
  | SignalLeaving
  | GatherWinBackBackground
  | ReachDecisionMaker
  | RecordLeavingAnswers
  | ClassifyRootCause
  | DecideWinBackWorth
  | FollowUpWinBack
  | CloseWinBack
  | MarkMergedInto
  | AbsorbCustomer
  | UndoMerge
  | UnmergeCustomer
  | EraseCustomer;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command without its actor and clock reading, as a use case builds it before the request context adds them. */
export type CustomerCommandBody = DistributiveOmit<CustomerCommand, 'actor' | 'now'>;
