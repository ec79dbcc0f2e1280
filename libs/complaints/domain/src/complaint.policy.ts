import type { Severity } from './complaint.vocabulary';

/**
 * K3 SLA targets by severity and K6 concession threshold, versioned: every event they shaped records the
 * version, so a later change of policy never rewrites the deadlines a complaint was given.
 */
export interface ComplaintPolicy {
  readonly version: string;
  /** Business hours to acknowledge and to resolve, per severity. */
  readonly sla: Readonly<Record<Severity, { readonly acknowledgeHours: number; readonly resolveHours: number }>>;
  /** K6: a concession worth more than this (in the policy currency) needs a manager's approval first. */
  readonly concessionApprovalAbove: number;
  /** K7: this many complaints from one customer within `repeatWindowDays` make a repeat complainer. */
  readonly repeatComplaints: number;
  readonly repeatWindowDays: number;
  /** K6/K7: a customer with at least this many complaints, most ending in a concession, is flagged. */
  readonly concessionWatchMinComplaints: number;
}

export const defaultComplaintPolicy: ComplaintPolicy = {
  version: 'complaints-2026.1',
  sla: {
    critical: { acknowledgeHours: 1, resolveHours: 24 },
    high: { acknowledgeHours: 4, resolveHours: 48 },
    medium: { acknowledgeHours: 8, resolveHours: 72 },
    low: { acknowledgeHours: 24, resolveHours: 120 },
  },
  concessionApprovalAbove: 100,
  repeatComplaints: 3,
  repeatWindowDays: 90,
  concessionWatchMinComplaints: 3,
};

export const HOUR_MS = 3_600_000;

/** The SLA targets a policy gives a severity, in milliseconds, with the version recorded beside them. */
export const slaTargetsOf = (policy: ComplaintPolicy, severity: Severity): SlaTargets => ({
  policyVersion: policy.version,
  acknowledgeMs: policy.sla[severity].acknowledgeHours * HOUR_MS,
  resolveMs: policy.sla[severity].resolveHours * HOUR_MS,
});

export interface SlaTargets {
  readonly policyVersion: string;
  readonly acknowledgeMs: number;
  readonly resolveMs: number;
}
