/**
 * The sales-gating service's public contract (G1–G9): every change of a customer's gate is published on
 * {@link SALES_GATING_TOPIC} — dialers and outside CRMs subscribe to it — together with the sales attempts and
 * quotes it records (G5, G9). Subject and partition key are the customer id (one customer's decisions stay in
 * order). "May rep R pitch to customer X now?" is asked over HTTP or as a request on
 * {@link SALES_GATING_CHECKS_TOPIC}, answered on {@link SALES_GATING_CHECK_REPLIES_TOPIC}.
 * A change that breaks a consumer gets a new type version beside the old one, never an edit of `.v1`.
 * A5: payloads carry ids, codes, scores, amounts and dates; no names, no notes.
 */
export const SALES_GATING_TOPIC = 'rapport.sales-gating.v1';
export const SALES_GATING_SOURCE = '/rapport/sales-gating';
export const SALES_GATING_CHECKS_TOPIC = 'rapport.sales-gating.checks.v1';
export const SALES_GATING_CHECK_REPLIES_TOPIC = 'rapport.sales-gating.check-replies.v1';

export const SalesGatingEventTypes = {
  gateChanged: 'rapport.sales-gating.gate-changed.v1',
  salesAttemptRecorded: 'rapport.sales-gating.sales-attempt-recorded.v1',
  quoteRecorded: 'rapport.sales-gating.quote-recorded.v1',
  fixFirstAlerted: 'rapport.sales-gating.fix-first-alerted.v1',
} as const;
export type SalesGatingEventTypeV1 = (typeof SalesGatingEventTypes)[keyof typeof SalesGatingEventTypes];

export const SalesGatingCheckTypes = {
  checkRequested: 'rapport.sales-gating.check-requested.v1',
  checkAnswered: 'rapport.sales-gating.check-answered.v1',
} as const;

export type GateStatusV1 = 'OPEN' | 'HOLD' | 'FIX_FIRST' | 'TARGET' | 'NURTURE';

/** G7: one reason, with the ids (CloudEvent ids) of the published events behind it. */
export interface GateReasonV1 {
  readonly rule: 'G1' | 'G2' | 'G3' | 'G4' | 'G6' | 'G8';
  readonly code: string;
  readonly text: string;
  readonly eventIds: readonly string[];
}

/** G7: the decision changed: status, reasons, policy version, the earliest time it may change, and why now. */
export interface GateChangedV1 {
  readonly customerId: string;
  readonly ownerId: string | null;
  readonly previous: GateStatusV1 | null;
  readonly status: GateStatusV1;
  readonly reasons: readonly GateReasonV1[];
  readonly policyVersion: string;
  readonly decidedAt: string;
  readonly nextChangeAt: string | null;
  /** The event that changed it, or the policy version that did. */
  readonly causeEventId: string | null;
  readonly causePolicyVersion: string | null;
}

export type ContactOutcomeV1 = 'reached' | 'no-answer' | 'rejected' | 'interested' | 'not-now' | 'purchased';

/** G5: a sales attempt (a pitch, or a sales follow-up) counted against the company-wide limits. */
export interface SalesAttemptRecordedV1 {
  readonly customerId: string;
  readonly attemptId: string;
  readonly repId: string;
  readonly pitch: boolean;
  readonly product: string | null;
  readonly customerAsked: boolean;
  readonly outcome: ContactOutcomeV1;
  readonly snoozedUntil: string | null;
  readonly attemptedAt: string;
  readonly policyVersion: string;
}

/** G9: one price story; a lower quote than the last for the product names the manager who approved it. */
export interface QuoteRecordedV1 {
  readonly customerId: string;
  readonly quoteId: string;
  readonly repId: string;
  readonly product: string;
  readonly amount: number;
  readonly currency: string;
  readonly previousAmount: number | null;
  readonly approvedBy: string | null;
  readonly quotedAt: string;
}

/** G3: the customer went FIX_FIRST: the owner and the owner's manager (null when the directory names none) investigate the root cause now. */
export interface FixFirstAlertedV1 {
  readonly customerId: string;
  readonly ownerId: string | null;
  readonly managerId: string | null;
  /** The CloudEvent id of the gate-changed event that made the customer FIX_FIRST. */
  readonly gateEventId: string;
  readonly reasons: readonly GateReasonV1[];
  readonly alertedAt: string;
}

/** The type decides the payload. */
export interface SalesGatingPayloadsV1 {
  readonly [SalesGatingEventTypes.gateChanged]: GateChangedV1;
  readonly [SalesGatingEventTypes.salesAttemptRecorded]: SalesAttemptRecordedV1;
  readonly [SalesGatingEventTypes.quoteRecorded]: QuoteRecordedV1;
  readonly [SalesGatingEventTypes.fixFirstAlerted]: FixFirstAlertedV1;
}

export type SalesGatingIntegrationEvent = {
  readonly [T in SalesGatingEventTypeV1]: { readonly type: T; readonly data: SalesGatingPayloadsV1[T] };
}[SalesGatingEventTypeV1];

/** "May rep R pitch (product P) to customer X now?" — the question, over HTTP or on the checks topic. */
export interface CheckRequestV1 {
  readonly customerId: string;
  readonly repId: string;
  readonly product?: string | null;
  /** G5: the customer asked to be contacted (pitch spacing, rejections and snoozes do not apply). */
  readonly customerAsked?: boolean;
}

/** On the checks topic: the request id comes back in the answer, so a dialer pairs them. */
export interface CheckRequestedV1 extends CheckRequestV1 {
  readonly requestId: string;
}

export interface DenialV1 {
  readonly rule: 'G1' | 'G2' | 'G3' | 'G4' | 'G5' | 'G6';
  readonly code: string;
  readonly text: string;
  readonly until: string | null;
}

export interface CheckReplyV1 {
  readonly customerId: string;
  readonly repId: string;
  readonly allowed: boolean;
  readonly status: GateStatusV1 | null;
  readonly denials: readonly DenialV1[];
  /** When asking again may be allowed; null when allowed now, or when only an event can change it. */
  readonly nextAllowedAt: string | null;
  readonly policyVersion: string;
  readonly answeredAt: string;
}

export interface CheckAnsweredV1 extends CheckReplyV1 {
  readonly requestId: string;
}

/** A batch (dialer lists) answers in the order asked, exactly as that many single checks would. */
export const MAX_BATCH_CHECKS = 10_000;
