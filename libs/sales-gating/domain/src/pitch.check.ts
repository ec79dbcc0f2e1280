import { addDays, DAY_MS, maxIso } from '@rapport/platform-eventsourcing';
import type { GateDecision, GateStatus } from './gate.events';
import { evaluateGate, isHeld } from './gate.evaluate';
import type { GatePolicy } from './gate.policy';
import type { GateState, LedgerEntry, Quote } from './gate.state';

export interface PitchQuestion {
  readonly repId: string;
  /** The product the rep wants to pitch; its last quote is shown (G9). */
  readonly product?: string | null;
  /** G5: the customer asked to be contacted, so pitch spacing, rejections and a snooze do not apply. */
  readonly customerAsked?: boolean;
  readonly now: Date;
}

export type DenialCode =
  | 'unknown-customer'
  | 'customer-closed'
  | 'not-owner-or-collaborator'
  | 'gate-held'
  | 'attempted-today'
  | 'pitch-spacing'
  | 'after-rejection'
  | 'snoozed';

export interface Denial {
  readonly rule: 'G1' | 'G2' | 'G3' | 'G4' | 'G5' | 'G6';
  readonly code: DenialCode;
  readonly text: string;
  readonly until: string | null;
}

/** G5: the counts beside every answer (the seven-rejection rule), exempt contacts listed, not counted. */
export interface PressureCounts {
  readonly followUpsSincePurchase: number;
  readonly rejectionsInRow: number;
  readonly rejections: number;
  readonly salesAttemptsLast30Days: number;
  readonly surveysLast30Days: number;
  readonly serviceRepliesLast30Days: number;
  readonly lastSalesAttemptAt: string | null;
  readonly snoozedUntil: string | null;
}

export interface PitchAnswer {
  readonly allowed: boolean;
  readonly gate: GateDecision;
  readonly denials: readonly Denial[];
  /** When asking again may be allowed; null when allowed now, or when only an event (not time) can change it. */
  readonly nextAllowedAt: string | null;
  readonly counts: PressureCounts;
  /** G9: the last quote per product, visible to anyone who may pitch. */
  readonly lastQuotes: readonly Quote[];
}

const startOfNextUtcDay = (now: Date): string => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS).toISOString();
const sameUtcDay = (iso: string, now: Date): boolean => Math.floor(Date.parse(iso) / DAY_MS) === Math.floor(now.getTime() / DAY_MS);

export const mayPitchAs = (s: GateState, repId: string): boolean => s.ownerId === repId || s.collaboratorIds.includes(repId);

export function pressureCounts(s: GateState, now: Date): PressureCounts {
  const since = now.getTime() - 30 * DAY_MS;
  const recent = (kind: LedgerEntry['kind']): number => s.ledger.filter((e) => e.kind === kind && Date.parse(e.at) >= since).length;
  return {
    followUpsSincePurchase: s.followUpsSincePurchase,
    rejectionsInRow: s.rejectionsInRow,
    rejections: s.rejections,
    salesAttemptsLast30Days: recent('sales'),
    surveysLast30Days: recent('survey'),
    serviceRepliesLast30Days: recent('service'),
    lastSalesAttemptAt: s.lastSalesAttemptAt,
    snoozedUntil: s.snoozedUntil,
  };
}

export function lastQuotes(s: GateState, product?: string | null): Quote[] {
  const last = new Map<string, Quote>();
  for (const quote of s.quotes) last.set(quote.product, quote);
  return [...last.values()].filter((q) => product == null || q.product === product);
}

/** The gate in force: the recorded decision, or (before any was recorded) the one the facts give. */
export const currentGate = (s: GateState, policy: GatePolicy, now: Date): GateDecision => s.decision ?? evaluateGate(s, policy, now);

/**
 * "May rep R pitch (product P) to customer X now?" (G1–G6): a pure answer from the customer's state, so one
 * check and a batch of 10,000 give the same answers. Every denial says which rule and until when.
 */
export function checkPitch(s: GateState, policy: GatePolicy, q: PitchQuestion): PitchAnswer {
  const gate = currentGate(s, policy, q.now);
  const denials: Denial[] = [];
  if (s.ownerId === null) denials.push({ rule: 'G6', code: 'unknown-customer', text: 'gating has no registration for this customer', until: null });
  else if (!mayPitchAs(s, q.repId)) denials.push({ rule: 'G6', code: 'not-owner-or-collaborator', text: `only the owner or a collaborator may pitch`, until: null });
  if (s.closed) denials.push({ rule: 'G6', code: 'customer-closed', text: 'the record was merged into another', until: null });
  if (isHeld(gate.status)) {
    const rule = gate.reasons[0]?.rule;
    denials.push({
      rule: rule === 'G1' || rule === 'G2' || rule === 'G4' ? rule : 'G3',
      code: 'gate-held',
      text: `gate ${gate.status}: ${gate.reasons.map((r) => r.text).join('; ')}`,
      until: gate.nextChangeAt,
    });
  }
  const p = policy.pressure;
  if (s.lastSalesAttemptAt !== null && sameUtcDay(s.lastSalesAttemptAt, q.now)) {
    denials.push({ rule: 'G5', code: 'attempted-today', text: 'one sales attempt per customer per day, across all reps', until: startOfNextUtcDay(q.now) });
  }
  if (!q.customerAsked) {
    const nowIso = q.now.toISOString();
    if (s.lastPitchAt !== null) {
      const until = addDays(s.lastPitchAt, p.pitchSpacingDays);
      if (until > nowIso) denials.push({ rule: 'G5', code: 'pitch-spacing', text: `pitches at least ${p.pitchSpacingDays} days apart`, until });
    }
    if (s.lastRejectionAt !== null) {
      const until = addDays(s.lastRejectionAt, p.afterRejectionDays);
      if (until > nowIso) denials.push({ rule: 'G5', code: 'after-rejection', text: `rejected on ${s.lastRejectionAt} (${s.rejectionsInRow} in a row): try again later, not never`, until });
    }
    if (s.snoozedUntil !== null && s.snoozedUntil > nowIso) denials.push({ rule: 'G5', code: 'snoozed', text: `the customer said "not now" until ${s.snoozedUntil}`, until: s.snoozedUntil });
  }
  // Time alone lifts a denial only when every denial has a date; the answer names the latest of them.
  const nextAllowedAt = denials.length === 0 || denials.some((d) => d.until === null) ? null : maxIso(...denials.map((d) => d.until));
  return { allowed: denials.length === 0, gate, denials, nextAllowedAt, counts: pressureCounts(s, q.now), lastQuotes: lastQuotes(s, q.product) };
}

/** The batch form (dialer lists): the same function over each customer, in order. */
export const checkPitches = (items: readonly { readonly state: GateState; readonly question: PitchQuestion }[], policy: GatePolicy): PitchAnswer[] =>
  items.map((item) => checkPitch(item.state, policy, item.question));

export type { GateStatus };
