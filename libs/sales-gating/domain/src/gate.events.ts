import type { DomainEvent } from '@rapport/platform-eventsourcing';
import type { ContactOutcome, GateFact } from './gate.facts';

export const GATE_STATUSES = ['OPEN', 'HOLD', 'FIX_FIRST', 'TARGET', 'NURTURE'] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

export type GateRule = 'G1' | 'G2' | 'G3' | 'G4' | 'G6' | 'G8';

/** G7: one reason of a decision, with the ids of the published events behind it. */
export interface GateReason {
  readonly rule: GateRule;
  readonly code: string;
  readonly text: string;
  readonly eventIds: readonly string[];
}

/** G7: the decision explains itself: status, reasons, the policy version, and the earliest time it may change. */
export interface GateDecision {
  readonly status: GateStatus;
  readonly reasons: readonly GateReason[];
  readonly policyVersion: string;
  readonly decidedAt: string;
  /** The earliest time it may change, when time bounds it (F4: the next NPS answer); null when any new event may change it. */
  readonly nextChangeAt: string | null;
}

export type FactNoted = DomainEvent<'sales-gating.fact-noted.v1', { readonly customerId: string; readonly sourceEventId: string; readonly fact: GateFact }>;

/** G7: decisions are events; `cause` says what made it change (an event, or a new policy version). */
export type GateChanged = DomainEvent<
  'sales-gating.gate-changed.v1',
  {
    readonly customerId: string;
    readonly ownerId: string | null;
    readonly previous: GateStatus | null;
    readonly decision: GateDecision;
    readonly cause: { readonly kind: 'event'; readonly eventId: string } | { readonly kind: 'policy'; readonly policyVersion: string };
  }
>;

/** G5: a sales attempt on the customer (a pitch, or a sales follow-up), by one rep, with its outcome. */
export type SalesAttemptRecorded = DomainEvent<
  'sales-gating.sales-attempt-recorded.v1',
  {
    readonly customerId: string;
    readonly attemptId: string;
    readonly repId: string;
    readonly pitch: boolean;
    readonly product: string | null;
    readonly customerAsked: boolean;
    readonly outcome: ContactOutcome;
    /** A "not now" snoozes to this date (capped by policy). */
    readonly snoozedUntil: string | null;
    readonly at: string;
    readonly policyVersion: string;
  }
>;

/** G9: a quote given to the customer; a lower one than the last for the product names the approving manager. */
export type QuoteRecorded = DomainEvent<
  'sales-gating.quote-recorded.v1',
  {
    readonly customerId: string;
    readonly quoteId: string;
    readonly repId: string;
    readonly product: string;
    readonly amount: number;
    readonly currency: string;
    readonly previousAmount: number | null;
    readonly approvedBy: string | null;
    readonly at: string;
  }
>;

/** G3: a customer went FIX_FIRST; the owner and the owner's manager (as the directory said) are alerted once per change. */
export type FixFirstAlerted = DomainEvent<
  'sales-gating.fix-first-alerted.v1',
  {
    readonly customerId: string;
    readonly ownerId: string | null;
    readonly managerId: string | null;
    /** The id of the gate-changed event that made the customer FIX_FIRST. */
    readonly gateEventId: string;
    readonly reasons: readonly GateReason[];
    readonly at: string;
  }
>;

export type GateEvent = FactNoted | GateChanged | SalesAttemptRecorded | QuoteRecorded | FixFirstAlerted;

export const gateStreamId = (customerId: string): string => `gate-${customerId}`;
export const GATE_STREAM_PREFIX = 'gate-';
