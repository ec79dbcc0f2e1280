import type { BusinessCalendar } from '@rapport/platform-eventsourcing';
import type { ComplaintCategory, ComplaintChannel, IntakeSource, RootCauseKind, Severity, Standing } from './complaint.vocabulary';

/** Who acts: the authenticated principal's id and roles (never from a request body). */
export interface ComplaintActor {
  readonly id: string;
  readonly roles: readonly string[];
}

/**
 * What every command carries: the actor, the injected clock reading, and the owner's manager as the
 * directory says now (D1), since any command may find a clock run out and escalate it (K3).
 */
interface Base {
  readonly actor: ComplaintActor;
  readonly now: Date;
  readonly ownersManagerId: string | null;
}

export interface ReceiveComplaint extends Base {
  readonly type: 'receive-complaint';
  readonly complaintId: string;
  readonly reference: string;
  readonly customerId: string;
  readonly channel: ComplaintChannel;
  readonly category: ComplaintCategory;
  readonly severity: Severity;
  readonly description: string;
  readonly remedySought: string;
  readonly source: IntakeSource;
  /** K2: the first receiver, who owns it; must be an active person of the directory (D1). */
  readonly receivedBy: string;
  readonly receiver: Standing;
  /** D1: the receiver's team calendar (always open when the team has none). */
  readonly calendar: BusinessCalendar;
}

export interface AcknowledgeComplaint extends Base {
  readonly type: 'acknowledge-complaint';
  readonly message: string;
}
export interface RecordHandlingStep extends Base {
  readonly type: 'record-handling-step';
  readonly note: string;
  readonly replyToCustomer: boolean;
  readonly workMinutes: number;
}
export interface AwaitCustomer extends Base {
  readonly type: 'await-customer';
  readonly question: string;
}
export interface RecordCustomerReply extends Base {
  readonly type: 'record-customer-reply';
  readonly summary: string;
}
export interface TransferComplaint extends Base {
  readonly type: 'transfer-complaint';
  readonly toOwnerId: string;
  readonly toOwner: Standing;
  readonly toCalendar: BusinessCalendar;
  readonly reason: string;
}
export interface RecordRootCause extends Base {
  readonly type: 'record-root-cause';
  readonly kind: RootCauseKind;
  readonly code: string;
  readonly detail: string;
  readonly responsibleTeamId: string | null;
}
export interface ApproveConcession extends Base {
  readonly type: 'approve-concession';
  readonly approvalId: string;
  readonly maxAmount: number;
  readonly reason: string;
}
export interface GrantConcession extends Base {
  readonly type: 'grant-concession';
  readonly concessionId: string;
  readonly amount: number;
  readonly description: string;
  readonly approvalId: string | null;
}
export interface ProposeResolution extends Base {
  readonly type: 'propose-resolution';
  readonly resolution: string;
}
/** K5: the customer's word, recorded by a rep who heard it or by an integrator (helpdesk, web form). */
export interface ConfirmResolution extends Base {
  readonly type: 'confirm-resolution';
  readonly satisfaction: number | null;
  readonly comment: string;
}
export interface RejectResolution extends Base {
  readonly type: 'reject-resolution';
  readonly reason: string;
}
/** A timer fired (K3): look at the clocks now; breach and escalate what ran out, once. */
export interface CheckSla extends Base {
  readonly type: 'check-sla';
}

export type ComplaintCommand =
  | ReceiveComplaint
  | AcknowledgeComplaint
  | RecordHandlingStep
  | AwaitCustomer
  | RecordCustomerReply
  | TransferComplaint
  | RecordRootCause
  | ApproveConcession
  | GrantConcession
  | ProposeResolution
  | ConfirmResolution
  | RejectResolution
  | CheckSla;

/** A command as a use case builds it, before the runner adds actor, clock and the owner's manager. */
export type ComplaintCommandBody = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, keyof Base> : never) : never;
