/**
 * Integration events of the complaints service (K1–K7), published on {@link COMPLAINTS_TOPIC} as CloudEvents
 * whose subject and partition key are the complaint id, so one complaint's events arrive in order.
 * A public contract: a change that breaks a consumer gets a new type version beside the old one, never an
 * edit of `.v1`. A5: payloads carry ids, codes, severities and times; the customer's words (description,
 * remedy, replies) stay in the service.
 */
export const COMPLAINTS_TOPIC = 'rapport.complaints.v1';
export const COMPLAINTS_SOURCE = '/rapport/complaints';

export const ComplaintEventTypes = {
  received: 'rapport.complaints.complaint-received.v1',
  acknowledged: 'rapport.complaints.complaint-acknowledged.v1',
  transferred: 'rapport.complaints.complaint-transferred.v1',
  slaBreached: 'rapport.complaints.sla-breached.v1',
  escalated: 'rapport.complaints.complaint-escalated.v1',
  resolutionProposed: 'rapport.complaints.resolution-proposed.v1',
  confirmed: 'rapport.complaints.resolution-confirmed.v1',
  reopened: 'rapport.complaints.complaint-reopened.v1',
} as const;
export type ComplaintEventTypeV1 = (typeof ComplaintEventTypes)[keyof typeof ComplaintEventTypes];

export type ComplaintChannelV1 = 'phone' | 'email' | 'web' | 'in-person' | 'social';
export type ComplaintCategoryV1 = 'product' | 'price' | 'service' | 'delivery' | 'billing' | 'staff';
export type SeverityV1 = 'low' | 'medium' | 'high' | 'critical';
export type SlaClockV1 = 'acknowledge' | 'resolve';

/** K3: every deadline of the complaint (null: met or paused). */
export interface DeadlinesV1 {
  readonly acknowledgeBy: string | null;
  readonly resolveBy: string | null;
}

/** K1: a complaint was received; sales gating holds the customer (G2) until it is confirmed resolved. */
export interface ComplaintReceivedV1 {
  readonly complaintId: string;
  readonly reference: string;
  readonly customerId: string;
  readonly channel: ComplaintChannelV1;
  readonly category: ComplaintCategoryV1;
  readonly severity: SeverityV1;
  readonly source: 'rep' | 'integrator' | 'win-back';
  /** K2: the first receiver, who owns it. */
  readonly ownerId: string;
  readonly deadlines: DeadlinesV1;
  readonly slaPolicyVersion: string;
  readonly receivedAt: string;
}

export interface ComplaintAcknowledgedV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly ownerId: string;
  readonly withinSla: boolean;
  readonly acknowledgedAt: string;
}

/**
 * K2: the work moved to another owner; the first receiver stays accountable. `notifyCustomer` asks an
 * integrator (mail, SMS) to tell the customer who owns her complaint now.
 */
export interface ComplaintTransferredV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly fromOwnerId: string;
  readonly toOwnerId: string;
  readonly accountableId: string;
  readonly notifyCustomer: { readonly customerId: string; readonly reference: string; readonly newOwnerId: string };
  readonly transferredAt: string;
}

export interface SlaBreachedV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly clock: SlaClockV1;
  readonly dueAt: string;
  readonly ownerId: string;
  readonly breachedAt: string;
}

/** K3: the breach went to the owner's manager (null when the directory names none), once per clock. */
export interface ComplaintEscalatedV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly clock: SlaClockV1;
  readonly ownerId: string;
  readonly accountableId: string;
  readonly managerId: string | null;
  readonly escalatedAt: string;
}

export interface ResolutionProposedV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly ownerId: string;
  readonly proposedAt: string;
}

/** K5: the customer confirmed: the complaint is closed (feedback surveys it 7 days later; gating may reopen, G4). */
export interface ResolutionConfirmedV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly ownerId: string;
  readonly satisfaction: number | null;
  readonly resolvedAt: string;
}

/** K5: the customer rejected the resolution; the same owner works on. */
export interface ComplaintReopenedV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly ownerId: string;
  readonly reopenedAt: string;
}

/** The type decides the payload. */
export interface ComplaintPayloadsV1 {
  readonly [ComplaintEventTypes.received]: ComplaintReceivedV1;
  readonly [ComplaintEventTypes.acknowledged]: ComplaintAcknowledgedV1;
  readonly [ComplaintEventTypes.transferred]: ComplaintTransferredV1;
  readonly [ComplaintEventTypes.slaBreached]: SlaBreachedV1;
  readonly [ComplaintEventTypes.escalated]: ComplaintEscalatedV1;
  readonly [ComplaintEventTypes.resolutionProposed]: ResolutionProposedV1;
  readonly [ComplaintEventTypes.confirmed]: ResolutionConfirmedV1;
  readonly [ComplaintEventTypes.reopened]: ComplaintReopenedV1;
}

export type ComplaintIntegrationEvent = {
  readonly [T in ComplaintEventTypeV1]: { readonly type: T; readonly data: ComplaintPayloadsV1[T] };
}[ComplaintEventTypeV1];

/**
 * K3 via S2: the complaints service's timer inbox, written only by the scheduler. Each SLA clock of a
 * complaint has one timer (`complaints.sla.<complaintId>.<clock>`), moved as the clock pauses and resumes.
 */
export const COMPLAINTS_TIMERS_TOPIC = 'rapport.complaints.timers.v1';
export const SlaDueType = 'rapport.complaints.sla-due.v1';
export interface SlaDueV1 {
  readonly complaintId: string;
  readonly clock: SlaClockV1;
  readonly dueAt: string;
}
export const slaTimerId = (complaintId: string, clock: SlaClockV1): string => `complaints.sla.${complaintId}.${clock}`;

/**
 * K1: intake from integrators (a helpdesk, a call centre): they publish on {@link COMPLAINTS_INTAKE_TOPIC},
 * keyed by the complaint id they chose (a UUID: sending it again opens nothing twice). The customer's answers
 * to a proposed resolution or a question come the same way (K3 resume, K5 confirm or reject).
 */
export const COMPLAINTS_INTAKE_TOPIC = 'rapport.complaints.intake.v1';
export const ComplaintIntakeTypes = {
  submitted: 'rapport.complaints.complaint-submitted.v1',
  customerAnswered: 'rapport.complaints.customer-answered.v1',
} as const;

export interface ComplaintSubmittedV1 {
  readonly complaintId: string;
  readonly customerId: string;
  readonly channel: ComplaintChannelV1;
  readonly category: ComplaintCategoryV1;
  readonly severity: SeverityV1;
  readonly description: string;
  readonly remedySought: string;
  /** K2: the rep who took it (an active person of the directory): the first receiver and owner. */
  readonly receivedBy: string;
}

export interface CustomerAnsweredV1 {
  readonly complaintId: string;
  /** `reply` resumes the SLA clocks; `confirm` closes the complaint; `reject` reopens it. */
  readonly answer: 'reply' | 'confirm' | 'reject';
  readonly text: string;
  /** 1–5, with `confirm` only. */
  readonly satisfaction?: number;
}

export interface ComplaintIntakePayloadsV1 {
  readonly [ComplaintIntakeTypes.submitted]: ComplaintSubmittedV1;
  readonly [ComplaintIntakeTypes.customerAnswered]: CustomerAnsweredV1;
}
