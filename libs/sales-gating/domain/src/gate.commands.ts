import type { ContactOutcome, GateFact } from './gate.facts';
import type { GatePolicy } from './gate.policy';

/** Time, ids and the policy in force arrive in the command, never from inside the decider. */
export interface NoteFact {
  readonly type: 'note-fact';
  readonly customerId: string;
  /** The published event the fact came from: reasons name it (G7). */
  readonly sourceEventId: string;
  readonly fact: GateFact;
  readonly policy: GatePolicy;
  readonly now: Date;
}

/** A new policy version is in force: the gate is decided again, and the change says why. */
export interface ReEvaluate {
  readonly type: 're-evaluate';
  readonly customerId: string;
  readonly policy: GatePolicy;
  readonly now: Date;
}

export interface RecordSalesAttempt {
  readonly type: 'record-sales-attempt';
  readonly customerId: string;
  readonly attemptId: string;
  readonly repId: string;
  readonly pitch: boolean;
  readonly product: string | null;
  readonly customerAsked: boolean;
  readonly outcome: ContactOutcome;
  /** For "not now": the date the customer gave (null: the policy's default snooze). */
  readonly notNowUntil: string | null;
  readonly policy: GatePolicy;
  readonly now: Date;
}

export interface RecordQuote {
  readonly type: 'record-quote';
  readonly customerId: string;
  readonly quoteId: string;
  readonly repId: string;
  readonly product: string;
  readonly amount: number;
  readonly currency: string;
  /** The manager approving a lower quote (G9); the app sets it only for a caller with the manager role. */
  readonly approvedBy: string | null;
  readonly now: Date;
}

/** G3: alert the owner and their manager that the customer is FIX_FIRST (the reactor names the gate change and the manager). */
export interface AlertFixFirst {
  readonly type: 'alert-fix-first';
  readonly customerId: string;
  readonly gateEventId: string;
  readonly managerId: string | null;
  readonly now: Date;
}

export type GateCommand = NoteFact | ReEvaluate | RecordSalesAttempt | RecordQuote | AlertFixFirst;
