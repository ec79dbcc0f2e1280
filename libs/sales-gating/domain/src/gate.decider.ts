import { addDays, DomainError, minIso, type Decider } from '@rapport/platform-eventsourcing';
import type { AlertFixFirst, GateCommand, NoteFact, RecordQuote, RecordSalesAttempt, ReEvaluate } from './gate.commands';
import { maySignalOpening } from './gate.facts';
import type { GateChanged, GateDecision, GateEvent } from './gate.events';
import { evaluateGate, openness, sameDecision } from './gate.evaluate';
import { checkPitch, lastQuotes, mayPitchAs } from './pitch.check';
import { evolveGate, initialGateState, type GateState } from './gate.state';

const changed = (s: GateState, customerId: string, decision: GateDecision, cause: GateChanged['data']['cause']): GateChanged => ({
  type: 'sales-gating.gate-changed.v1',
  data: { customerId, ownerId: s.ownerId, previous: s.decision?.status ?? null, decision, cause },
});

/**
 * G7: every fact is noted; a decision that differs from the recorded one is an event. G8: a purchase or a new
 * share of wallet alone may hold tighter (FIX_FIRST) but never opens the gate or moves it towards a pitch
 * (NURTURE → TARGET on a falling share), and neither does a later unrelated fact (a contact, a survey sent):
 * only what the customer says (NPS) and complaints do.
 */
function decideNoteFact(c: NoteFact, s: GateState): GateEvent[] {
  const noted: GateEvent = { type: 'sales-gating.fact-noted.v1', data: { customerId: c.customerId, sourceEventId: c.sourceEventId, fact: c.fact } };
  const after = evolveGate(s, noted);
  if (after.ownerId === null) return [noted]; // not registered yet: facts wait, no gate
  const decision = evaluateGate(after, c.policy, c.now);
  if (sameDecision(s.decision, decision)) return [noted];
  if (!maySignalOpening(c.fact) && s.decision !== null && (decision.status === s.decision.status || openness(decision.status) > openness(s.decision.status))) return [noted];
  return [noted, changed(after, c.customerId, decision, { kind: 'event', eventId: c.sourceEventId })];
}

function decideReEvaluate(c: ReEvaluate, s: GateState): GateEvent[] {
  if (s.ownerId === null || s.closed) return [];
  const decision = evaluateGate(s, c.policy, c.now);
  return sameDecision(s.decision, decision) ? [] : [changed(s, c.customerId, decision, { kind: 'policy', policyVersion: c.policy.version })];
}

/** G5, G6 and the gate: a sales attempt the check would deny is refused with the same reasons. */
function decideSalesAttempt(c: RecordSalesAttempt, s: GateState): GateEvent[] {
  // The attempt id is the client's idempotency key: the same attempt sent again records nothing twice.
  if (s.ledger.some((e) => e.kind === 'sales' && e.id === c.attemptId)) return [];
  const answer = checkPitch(s, c.policy, { repId: c.repId, product: c.product, customerAsked: c.customerAsked, now: c.now });
  // Spacing between pitches does not stop a sales follow-up that is not a pitch.
  const denials = answer.denials.filter((d) => c.pitch || d.code !== 'pitch-spacing');
  const first = denials[0];
  if (first) {
    const kind = first.rule === 'G6' ? (first.code === 'unknown-customer' ? 'not_found' : 'forbidden') : 'conflict';
    throw new DomainError(kind, first.code, first.text, first.rule, { denials, nextAllowedAt: answer.nextAllowedAt, gate: answer.gate.status });
  }
  const at = c.now.toISOString();
  const p = c.policy.pressure;
  const snoozedUntil = c.outcome === 'not-now' ? minIso(c.notNowUntil ?? addDays(at, p.defaultSnoozeDays), addDays(at, p.maxSnoozeDays)) : null;
  return [
    {
      type: 'sales-gating.sales-attempt-recorded.v1',
      data: {
        customerId: c.customerId,
        attemptId: c.attemptId,
        repId: c.repId,
        pitch: c.pitch,
        product: c.product,
        customerAsked: c.customerAsked,
        outcome: c.outcome,
        snoozedUntil,
        at,
        policyVersion: c.policy.version,
      },
    },
  ];
}

/** G9: one price story — quotes are kept per product; a lower one than the last needs a manager. */
function decideQuote(c: RecordQuote, s: GateState): GateEvent[] {
  if (s.quotes.some((q) => q.quoteId === c.quoteId)) return [];
  if (s.ownerId === null) throw new DomainError('not_found', 'unknown-customer', 'gating has no registration for this customer', 'G6');
  if (!mayPitchAs(s, c.repId)) throw new DomainError('forbidden', 'not-owner-or-collaborator', 'only the owner or a collaborator may quote', 'G6');
  if (!(Number.isFinite(c.amount) && c.amount > 0)) throw new DomainError('rule_violation', 'invalid-amount', 'a quote is a positive amount', 'G9');
  const previous = lastQuotes(s, c.product)[0] ?? null;
  if (previous && previous.currency !== c.currency) {
    throw new DomainError('rule_violation', 'currency-differs', `the last quote for ${c.product} was in ${previous.currency}`, 'G9', { previous });
  }
  if (previous && c.amount < previous.amount && c.approvedBy === null) {
    throw new DomainError('forbidden', 'lower-quote-needs-manager', `${c.product} was last quoted at ${previous.amount} ${previous.currency}: a lower quote needs a manager`, 'G9', { previous });
  }
  return [
    {
      type: 'sales-gating.quote-recorded.v1',
      data: {
        customerId: c.customerId,
        quoteId: c.quoteId,
        repId: c.repId,
        product: c.product,
        amount: c.amount,
        currency: c.currency,
        previousAmount: previous?.amount ?? null,
        approvedBy: previous && c.amount < previous.amount ? c.approvedBy : null,
        at: c.now.toISOString(),
      },
    },
  ];
}

/** G3: once per change to FIX_FIRST; nothing when the gate has moved on since, or the alert was given. */
function decideAlert(c: AlertFixFirst, s: GateState): GateEvent[] {
  if (s.decision?.status !== 'FIX_FIRST' || s.alertedFor === c.gateEventId) return [];
  return [
    {
      type: 'sales-gating.fix-first-alerted.v1',
      data: { customerId: c.customerId, ownerId: s.ownerId, managerId: c.managerId, gateEventId: c.gateEventId, reasons: s.decision.reasons, at: c.now.toISOString() },
    },
  ];
}

export function decideGate(c: GateCommand, s: GateState): GateEvent[] {
  switch (c.type) {
    case 'note-fact':
      return decideNoteFact(c, s);
    case 're-evaluate':
      return decideReEvaluate(c, s);
    case 'record-sales-attempt':
      return decideSalesAttempt(c, s);
    case 'record-quote':
      return decideQuote(c, s);
    case 'alert-fix-first':
      return decideAlert(c, s);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/** One stream per customer (`gate-<id>`): the facts gating knows, its decisions, the sales ledger and quotes. */
export const gateDecider: Decider<GateCommand, GateEvent, GateState> = {
  initialState: initialGateState,
  decide: decideGate,
  evolve: evolveGate,
};
