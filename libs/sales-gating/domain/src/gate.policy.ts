/**
 * The gating policy as data (G3, G4, G5), versioned: every decision records the version that shaped it (G7),
 * and a new version re-evaluates the gates. Defaults are the domain rules' defaults.
 */
export interface GatePolicy {
  readonly version: string;
  readonly quadrant: {
    /** G3: an NPS score at or above this is "high" (F1: 0–6 detractor, 7–8 passive, 9–10 promoter). */
    readonly highNpsFrom: number;
    /** G3: a share of wallet (0..1) at or above this is "high". */
    readonly highShareFrom: number;
    /** G3: a customer whose share was never estimated counts as low share (room to grow) or high. */
    readonly unknownShareAs: 'low' | 'high';
  };
  /** G4: the later NPS that, with every complaint confirmed resolved, lifts a hold. */
  readonly turnaroundMinNps: number;
  readonly pressure: {
    /** G5: sales attempts per customer per UTC day, across all reps. */
    readonly salesAttemptsPerDay: number;
    /** G5: days between pitches unless the customer asked (2–3 weeks). */
    readonly pitchSpacingDays: number;
    /** G5: a rejection pushes the next allowed pitch this many days from the rejection (it never closes the gate). */
    readonly afterRejectionDays: number;
    /** G5: a "not now" snoozes to the date given, at most this many days ahead (longer is capped). */
    readonly maxSnoozeDays: number;
    /** G5: a "not now" without a date snoozes this many days. */
    readonly defaultSnoozeDays: number;
  };
  /** F4: a customer is surveyed at most once per this many days, so a hold waiting on an NPS cannot lift sooner. */
  readonly surveyIntervalDays: number;
}

export const defaultGatePolicy: GatePolicy = {
  version: 'gating-2026.1',
  quadrant: { highNpsFrom: 7, highShareFrom: 0.5, unknownShareAs: 'low' },
  turnaroundMinNps: 7,
  pressure: { salesAttemptsPerDay: 1, pitchSpacingDays: 14, afterRejectionDays: 14, maxSnoozeDays: 180, defaultSnoozeDays: 30 },
  surveyIntervalDays: 90,
};

const between = (value: number, min: number, max: number): boolean => Number.isFinite(value) && value >= min && value <= max;
const wholeBetween = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;

/** The problems of a proposed policy, empty when it may be put in force. */
export function policyProblems(p: GatePolicy): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(p.version)) problems.push('version: 1–64 letters, digits, dot, dash or underscore');
  if (!wholeBetween(p.quadrant.highNpsFrom, 1, 10)) problems.push('quadrant.highNpsFrom: a whole score 1–10');
  if (!between(p.quadrant.highShareFrom, 0.01, 1)) problems.push('quadrant.highShareFrom: a share 0.01–1');
  if (!wholeBetween(p.turnaroundMinNps, 7, 10)) problems.push('turnaroundMinNps: 7–10 (G4: never below a passive)');
  if (!wholeBetween(p.pressure.salesAttemptsPerDay, 1, 1)) problems.push('pressure.salesAttemptsPerDay: G5 allows one');
  if (!wholeBetween(p.pressure.pitchSpacingDays, 14, 90)) problems.push('pressure.pitchSpacingDays: 14–90 (G5: at least two weeks)');
  if (!wholeBetween(p.pressure.afterRejectionDays, 1, 90)) problems.push('pressure.afterRejectionDays: 1–90');
  if (!wholeBetween(p.pressure.maxSnoozeDays, 1, 366)) problems.push('pressure.maxSnoozeDays: 1–366');
  if (!wholeBetween(p.pressure.defaultSnoozeDays, 1, p.pressure.maxSnoozeDays)) problems.push('pressure.defaultSnoozeDays: 1..maxSnoozeDays');
  if (!wholeBetween(p.surveyIntervalDays, 1, 366)) problems.push('surveyIntervalDays: 1–366');
  return problems;
}
