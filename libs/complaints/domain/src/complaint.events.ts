import type { DomainEvent } from '@rapport/platform-eventsourcing';
import type { BusinessCalendar } from '@rapport/platform-eventsourcing';
import type { SlaTargets } from './complaint.policy';
import type { ComplaintCategory, ComplaintChannel, IntakeSource, RootCauseKind, Severity } from './complaint.vocabulary';
import type { SlaClockKind } from './sla-clock';

export * from './complaint.vocabulary';

/**
 * Internal events of one complaint stream (`complaint-<id>`). Other services get the contracts of
 * @rapport/complaints-contracts, mapped explicitly. Every event names who (`by`) and when (`at`).
 */
type Ev<T extends string, D> = DomainEvent<`complaints.${T}.v1`, D>;

/** Every deadline of the complaint, as it stands after the event (null: paused, met or not started). */
export interface Deadlines {
  readonly acknowledgeBy: string | null;
  readonly resolveBy: string | null;
}

export type ComplaintReceived = Ev<
  'complaint-received',
  {
    readonly complaintId: string;
    /** K1: the reference the customer can quote, e.g. `K-2026-000123`. */
    readonly reference: string;
    readonly customerId: string;
    readonly channel: ComplaintChannel;
    readonly category: ComplaintCategory;
    readonly severity: Severity;
    readonly description: string;
    readonly remedySought: string;
    readonly source: IntakeSource;
    /** K2: the first receiver owns it, and stays accountable until the customer confirms. */
    readonly receivedBy: string;
    readonly teamId: string | null;
    /** D1: the owning team's calendar the SLA clocks run on (always open when the team has none). */
    readonly calendar: BusinessCalendar;
    readonly sla: SlaTargets;
    readonly deadlines: Deadlines;
    readonly at: string;
  }
>;

/** K3: the acknowledge clock is met; an acknowledgement is the first reply to the customer. */
export type ComplaintAcknowledged = Ev<'complaint-acknowledged', { readonly complaintId: string; readonly customerId: string; readonly ownerId: string; readonly by: string; readonly message: string; readonly withinSla: boolean; readonly at: string }>;

/** K4: a handling step; `replyToCustomer` steps count for reply times, `workMinutes` for agent work time. */
export type HandlingStepRecorded = Ev<
  'handling-step-recorded',
  { readonly complaintId: string; readonly customerId: string; readonly by: string; readonly note: string; readonly replyToCustomer: boolean; readonly workMinutes: number; readonly at: string }
>;

/** K3: the clocks pause while the complaint waits on the customer. */
export type CustomerAwaited = Ev<'customer-awaited', { readonly complaintId: string; readonly customerId: string; readonly by: string; readonly question: string; readonly at: string }>;
export type CustomerReplied = Ev<'customer-replied', { readonly complaintId: string; readonly customerId: string; readonly recordedBy: string; readonly summary: string; readonly at: string }>;

/** K2: ownership moves only by explicit transfer with a reason; the first receiver stays accountable. */
export type ComplaintTransferred = Ev<
  'complaint-transferred',
  {
    readonly complaintId: string; readonly customerId: string;
    readonly reference: string;
    readonly fromOwnerId: string;
    readonly toOwnerId: string;
    readonly toTeamId: string | null;
    readonly accountableId: string;
    readonly reason: string;
    readonly calendar: BusinessCalendar;
    readonly by: string;
    readonly at: string;
  }
>;

/** K4: `code` is a short label of the cause (`courier-late`), comparable across customers (K7); `detail` is free text. */
export type RootCauseRecorded = Ev<
  'root-cause-recorded',
  { readonly complaintId: string; readonly customerId: string; readonly kind: RootCauseKind; readonly code: string; readonly detail: string; readonly responsibleTeamId: string | null; readonly by: string; readonly at: string }
>;

/** K6: a manager allows a concession up to `maxAmount` before it is granted. */
export type ConcessionApproved = Ev<
  'concession-approved',
  { readonly complaintId: string; readonly customerId: string; readonly approvalId: string; readonly maxAmount: number; readonly reason: string; readonly by: string; readonly at: string }
>;
export type ConcessionGranted = Ev<
  'concession-granted',
  {
    readonly complaintId: string;
    readonly customerId: string;
    readonly concessionId: string;
    readonly amount: number;
    readonly description: string;
    readonly approvalId: string | null;
    readonly policyVersion: string;
    readonly by: string;
    readonly at: string;
  }
>;

export type ResolutionProposed = Ev<'resolution-proposed', { readonly complaintId: string; readonly customerId: string; readonly ownerId: string; readonly resolution: string; readonly by: string; readonly at: string }>;
/** K5: closure is the customer's word. */
export type ResolutionConfirmed = Ev<
  'resolution-confirmed',
  { readonly complaintId: string; readonly customerId: string; readonly ownerId: string; readonly recordedBy: string; readonly satisfaction: number | null; readonly comment: string; readonly at: string }
>;
/** K5: a rejected resolution reopens the complaint with the same owner. */
export type ComplaintReopened = Ev<'complaint-reopened', { readonly complaintId: string; readonly customerId: string; readonly ownerId: string; readonly recordedBy: string; readonly reason: string; readonly at: string }>;

/** K3: a clock ran out. Recorded once per clock, whether a timer or a late action noticed it. */
export type SlaBreached = Ev<'sla-breached', { readonly complaintId: string; readonly customerId: string; readonly clock: SlaClockKind; readonly dueAt: string; readonly ownerId: string; readonly at: string }>;
/** K3/D1: the breach goes to the owner's manager as the directory says at that moment; once per clock. */
export type ComplaintEscalated = Ev<
  'complaint-escalated',
  { readonly complaintId: string; readonly customerId: string; readonly clock: SlaClockKind; readonly ownerId: string; readonly accountableId: string; readonly managerId: string | null; readonly at: string }
>;
/** The deadlines moved (pause, resume, transfer, met, reopened): the timers follow this event. */
export type DeadlinesChanged = Ev<'deadlines-changed', { readonly complaintId: string; readonly customerId: string; readonly deadlines: Deadlines; readonly at: string }>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAcknowledged
  | HandlingStepRecorded
  | CustomerAwaited
  | CustomerReplied
  | ComplaintTransferred
  | RootCauseRecorded
  | ConcessionApproved
  | ConcessionGranted
  | ResolutionProposed
  | ResolutionConfirmed
  | ComplaintReopened
  | SlaBreached
  | ComplaintEscalated
  | DeadlinesChanged;

export const complaintStreamId = (complaintId: string): string => `complaint-${complaintId}`;
export const COMPLAINT_STREAM_PREFIX = 'complaint-';
