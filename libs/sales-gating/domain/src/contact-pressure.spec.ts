import { fold } from '@rapport/platform-eventsourcing';
import { deciderSpec } from '@rapport/platform-testing';
import type { GateCommand, RecordQuote, RecordSalesAttempt } from './gate.commands';
import { gateDecider } from './gate.decider';
import type { GateFact } from './gate.facts';
import type { GateEvent } from './gate.events';
import { defaultGatePolicy as policy } from './gate.policy';
import { checkPitch, checkPitches, type PitchQuestion } from './pitch.check';
import type { GateState } from './gate.state';

const spec = deciderSpec(gateDecider);
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (day: number, hours = 0): string => new Date(T0 + day * 86_400_000 + hours * 3_600_000).toISOString();
const noted = (id: string, fact: GateFact): GateEvent => ({ type: 'sales-gating.fact-noted.v1', data: { customerId: 'c-1', sourceEventId: id, fact } });
const owned: GateEvent[] = [
  noted('ev-reg', { kind: 'registered', ownerId: 'rep-ana', at: at(0) }),
  noted('ev-col', { kind: 'collaborators-changed', ownerId: 'rep-ana', collaboratorIds: ['rep-cai'], at: at(0) }),
];
const attempt = (repId: string, day: number, overrides: Partial<RecordSalesAttempt> = {}, hours = 0): RecordSalesAttempt => ({
  type: 'record-sales-attempt',
  customerId: 'c-1',
  attemptId: `a-${repId}-${day}-${hours}`,
  repId,
  pitch: true,
  product: 'seats',
  customerAsked: false,
  outcome: 'reached',
  notNowUntil: null,
  policy,
  now: new Date(at(day, hours)),
  ...overrides,
});
/** Applies commands in order, as the app does, and returns the history. */
function after(history: GateEvent[], ...commands: GateCommand[]): GateEvent[] {
  const out = [...history];
  for (const c of commands) out.push(...gateDecider.decide(c, fold(gateDecider, out)));
  return out;
}
const ask = (history: GateEvent[], q: Partial<PitchQuestion> & { now: Date }) => checkPitch(fold(gateDecider, history), policy, { repId: 'rep-ana', ...q });

const quote = (amount: number, overrides: Partial<RecordQuote> = {}): RecordQuote => ({
  type: 'record-quote',
  customerId: 'c-1',
  quoteId: `q-${amount}`,
  repId: 'rep-ana',
  product: 'seats',
  amount,
  currency: 'EUR',
  approvedBy: null,
  now: new Date(at(1)),
  ...overrides,
});

describe('contact pressure, ownership and quotes (G5, G6, G9)', () => {
  it('G5: two reps trying the same customer on one day: the second is denied until the next day', () => {
    const history = after(owned, attempt('rep-ana', 1, { pitch: false }));
    spec.given(history).when(attempt('rep-cai', 1, { pitch: false }, 3)).thenThrows({ kind: 'conflict', rule: 'G5', code: 'attempted-today' });
    expect(() => gateDecider.decide(attempt('rep-cai', 1, { pitch: false }, 3), fold(gateDecider, history))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ nextAllowedAt: at(2, -9) }) }),
    );
    const answer = ask(history, { repId: 'rep-cai', now: new Date(at(1, 3)) });
    expect(answer).toMatchObject({ allowed: false, denials: [{ rule: 'G5', code: 'attempted-today' }] });
    expect(ask(history, { repId: 'rep-cai', now: new Date(at(2)) }).denials.map((d) => d.code)).not.toContain('attempted-today');
  });

  it('G5, G9: the same attempt or quote sent again (same id) records nothing twice', () => {
    const history = after(owned, attempt('rep-ana', 1));
    spec.given(history).when(attempt('rep-ana', 1)).then([]);
    const quoted = after(owned, quote(20_000));
    spec.given(quoted).when(quote(20_000)).then([]);
  });

  it('G6: a rep who is neither owner nor collaborator is denied; a collaborator may pitch', () => {
    expect(ask(owned, { repId: 'rep-zed', now: new Date(at(1)) })).toMatchObject({ allowed: false, nextAllowedAt: null, denials: [{ rule: 'G6', code: 'not-owner-or-collaborator' }] });
    spec.given(owned).when(attempt('rep-zed', 1)).thenThrows({ kind: 'forbidden', rule: 'G6', code: 'not-owner-or-collaborator' });
    expect(ask(owned, { repId: 'rep-cai', now: new Date(at(1)) }).allowed).toBe(true);
  });

  it('G6: after a transfer the former owner is denied', () => {
    const moved = after(owned, { type: 'note-fact', customerId: 'c-1', sourceEventId: 'ev-own', fact: { kind: 'owner-changed', ownerId: 'rep-ben', at: at(1) }, policy, now: new Date(at(1)) });
    expect(ask(moved, { repId: 'rep-ana', now: new Date(at(2)) }).denials[0]).toMatchObject({ rule: 'G6' });
    expect(ask(moved, { repId: 'rep-ben', now: new Date(at(2)) }).allowed).toBe(true);
  });

  it('G5: pitches at least 14 days apart, unless the customer asked', () => {
    const history = after(owned, attempt('rep-ana', 1));
    expect(ask(history, { now: new Date(at(10)) })).toMatchObject({ allowed: false, nextAllowedAt: at(15), denials: [{ code: 'pitch-spacing' }] });
    expect(ask(history, { now: new Date(at(10)), customerAsked: true }).allowed).toBe(true);
    expect(ask(history, { now: new Date(at(15)) }).allowed).toBe(true);
  });

  it('G5: a rejection pushes the next allowed date but never closes the gate; the counts show the run of rejections', () => {
    let history = owned;
    for (let i = 0; i < 7; i++) history = after(history, attempt('rep-ana', 1 + i * 15, { outcome: 'rejected' }));
    const answer = ask(history, { now: new Date(at(92)) });
    expect(answer).toMatchObject({ allowed: false, gate: { status: 'OPEN' }, nextAllowedAt: at(105), counts: { rejectionsInRow: 7, rejections: 7, followUpsSincePurchase: 7 } });
    expect(ask(history, { now: new Date(at(105)) }).allowed).toBe(true);
  });

  it('G5: "not now" snoozes to the date given, capped by policy; the owner is told until when', () => {
    const history = after(owned, attempt('rep-ana', 1, { pitch: false, outcome: 'not-now', notNowUntil: at(40) }));
    expect(ask(history, { now: new Date(at(20)) })).toMatchObject({ allowed: false, nextAllowedAt: at(40), denials: [{ code: 'snoozed', until: at(40) }] });
    const far = after(owned, attempt('rep-ana', 1, { pitch: false, outcome: 'not-now', notNowUntil: at(900) }));
    expect(fold(gateDecider, far).snoozedUntil).toBe(at(1 + policy.pressure.maxSnoozeDays));
  });

  it('G5: surveys and service replies are exempt from the sales limits but listed and counted beside them', () => {
    const history = after(
      owned,
      { type: 'note-fact', customerId: 'c-1', sourceEventId: 'ev-survey', fact: { kind: 'survey-sent', surveyId: 's-1', at: at(1) }, policy, now: new Date(at(1)) },
      { type: 'note-fact', customerId: 'c-1', sourceEventId: 'ev-reply', fact: { kind: 'service-reply', complaintId: 'k-1', at: at(1, 1) }, policy, now: new Date(at(1, 1)) },
    );
    const answer = ask(history, { now: new Date(at(1, 2)) });
    expect(answer).toMatchObject({ allowed: true, counts: { surveysLast30Days: 1, serviceRepliesLast30Days: 1, salesAttemptsLast30Days: 0 } });
    expect(fold(gateDecider, history).ledger.map((e) => e.kind)).toEqual(['survey', 'service']);
  });

  it('G1, G2: a held customer is denied with the gate\'s reasons', () => {
    const held = after(owned, { type: 'note-fact', customerId: 'c-1', sourceEventId: 'ev-nps', fact: { kind: 'nps-answered', surveyId: 's', score: 2, at: at(1) }, policy, now: new Date(at(1)) });
    expect(ask(held, { now: new Date(at(2)) })).toMatchObject({ allowed: false, gate: { status: 'HOLD' }, denials: [{ rule: 'G1', code: 'gate-held', until: at(91) }] });
    spec.given(held).when(attempt('rep-ana', 2)).thenThrows({ rule: 'G1', code: 'gate-held' });
  });

  it('G9: a lower quote than the last needs a manager; with one it is recorded naming them', () => {
    const quoted = after(owned, quote(20_000));
    spec.given(quoted).when(quote(18_000, { repId: 'rep-cai' })).thenThrows({ kind: 'forbidden', rule: 'G9', code: 'lower-quote-needs-manager' });
    spec
      .given(quoted)
      .when(quote(18_000, { repId: 'rep-cai', approvedBy: 'manager-max' }))
      .thenState((s) => expect(s.quotes.at(-1)).toMatchObject({ amount: 18_000, approvedBy: 'manager-max' }));
    spec.given(quoted).when(quote(21_000, { repId: 'rep-cai' })).thenState((s) => expect(s.quotes).toHaveLength(2));
  });

  it('G9: every rep who may pitch sees the last quote with the check; a non-owner may not quote', () => {
    const quoted = after(owned, quote(20_000));
    expect(ask(quoted, { repId: 'rep-cai', product: 'seats', now: new Date(at(2)) }).lastQuotes).toEqual([expect.objectContaining({ amount: 20_000, repId: 'rep-ana' })]);
    spec.given(owned).when(quote(5, { repId: 'rep-zed' })).thenThrows({ rule: 'G6' });
  });

  it('G5, G6: the batch check of 10,000 customers answers exactly as 10,000 single checks', () => {
    const reps = ['rep-ana', 'rep-cai', 'rep-zed'];
    const items: { state: GateState; question: PitchQuestion }[] = [];
    for (let i = 0; i < 10_000; i++) {
      const commands: GateCommand[] = [];
      if (i % 7 === 0) commands.push(attempt('rep-ana', i % 20, { outcome: i % 2 ? 'rejected' : 'not-now', notNowUntil: at(30) }));
      if (i % 5 === 0) commands.push({ type: 'note-fact', customerId: 'c-1', sourceEventId: `n-${i}`, fact: { kind: 'nps-answered', surveyId: 's', score: i % 11, at: at(19) }, policy, now: new Date(at(19)) });
      const state = fold(gateDecider, i % 13 === 0 ? [] : after(owned, ...commands));
      items.push({ state, question: { repId: reps[i % 3]!, product: 'seats', now: new Date(at(20, i % 24)) } });
    }
    const batch = checkPitches(items, policy);
    const singles = items.map((item) => checkPitch(item.state, policy, item.question));
    expect(batch).toEqual(singles);
    expect(new Set(batch.map((a) => a.allowed))).toEqual(new Set([true, false]));
  });
});
