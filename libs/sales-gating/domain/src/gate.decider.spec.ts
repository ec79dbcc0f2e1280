import { fold } from '@rapport/platform-eventsourcing';
import { deciderSpec } from '@rapport/platform-testing';
import type { GateCommand } from './gate.commands';
import { gateDecider } from './gate.decider';
import type { GateFact } from './gate.facts';
import type { GateChanged, GateEvent } from './gate.events';
import { defaultGatePolicy as policy, policyProblems, type GatePolicy } from './gate.policy';
import { policyDecider, type PutPolicy } from './policy.decider';

const spec = deciderSpec(gateDecider);
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (day: number): string => new Date(T0 + day * 86_400_000).toISOString();
const noted = (id: string, fact: GateFact): GateEvent => ({ type: 'sales-gating.fact-noted.v1', data: { customerId: 'c-1', sourceEventId: id, fact } });
const note = (id: string, fact: GateFact, day = 0, p: GatePolicy = policy): GateCommand => ({ type: 'note-fact', customerId: 'c-1', sourceEventId: id, fact, policy: p, now: new Date(at(day)) });

/** Runs the decider over a list of incoming facts, as the consumers do, and returns every event. */
function run(facts: readonly [string, GateFact][], p: GatePolicy = policy): GateEvent[] {
  const history: GateEvent[] = [];
  for (const [id, fact] of facts) history.push(...gateDecider.decide(note(id, fact, Date.parse(fact.at) / 86_400_000 - T0 / 86_400_000, p), fold(gateDecider, history)));
  return history;
}
const changes = (events: readonly GateEvent[]): GateChanged[] => events.filter((e): e is GateChanged => e.type === 'sales-gating.gate-changed.v1');
const lastGate = (events: readonly GateEvent[]) => changes(events).at(-1)!.data.decision;

const registered: [string, GateFact] = ['ev-reg', { kind: 'registered', ownerId: 'rep-ana', at: at(0) }];
const nps = (id: string, score: number, day: number): [string, GateFact] => [id, { kind: 'nps-answered', surveyId: `s-${id}`, score, at: at(day) }];
const share = (id: string, value: number | null, day: number): [string, GateFact] => [id, { kind: 'share-of-wallet', share: value, at: at(day) }];
const complaint = (id: string, day: number): [string, GateFact] => [id, { kind: 'complaint-received', complaintId: 'k-1', at: at(day) }];
const resolved = (id: string, day: number): [string, GateFact] => [id, { kind: 'complaint-resolved', complaintId: 'k-1', at: at(day) }];

describe('the gate per customer (G1–G4, G7, G8)', () => {
  it('G1: a detractor answer holds the customer, naming the answer', () => {
    const gate = lastGate(run([registered, nps('ev-nps', 4, 1)]));
    expect(gate).toMatchObject({ status: 'HOLD', policyVersion: policy.version, reasons: [{ rule: 'G1', code: 'detractor', eventIds: ['ev-nps'] }] });
  });

  it('G2: an open complaint holds even a promoter', () => {
    const gate = lastGate(run([registered, nps('ev-nps', 10, 1), complaint('ev-k', 2)]));
    expect(gate).toMatchObject({ status: 'HOLD', reasons: [{ rule: 'G2', code: 'open-complaint', eventIds: ['ev-k'] }] });
  });

  it('G4: the hold lifts only after the complaint is confirmed resolved and a later NPS ≥ 7, and the decision names both', () => {
    const history = run([registered, complaint('ev-k', 1), nps('ev-nps-3', 3, 2)]);
    expect(lastGate(history)).toMatchObject({ status: 'HOLD', reasons: [{ rule: 'G2', eventIds: ['ev-k'] }, { rule: 'G1', eventIds: ['ev-nps-3'] }] });

    const afterResolution = run([registered, complaint('ev-k', 1), nps('ev-nps-3', 3, 2), resolved('ev-ok', 10)]);
    expect(lastGate(afterResolution)).toMatchObject({ status: 'HOLD', reasons: [{ rule: 'G1' }] });

    const turnaround = run([registered, complaint('ev-k', 1), nps('ev-nps-3', 3, 2), resolved('ev-ok', 10), nps('ev-nps-9', 9, 20)]);
    expect(lastGate(turnaround)).toMatchObject({
      status: 'TARGET',
      reasons: [
        { rule: 'G4', code: 'turnaround', eventIds: ['ev-ok', 'ev-nps-9'] },
        { rule: 'G3', code: 'high-nps-low-share' },
      ],
    });
  });

  it('G4: an NPS ≥ 7 answered before the resolution does not lift the hold; one after it does', () => {
    const early = run([registered, complaint('ev-k', 1), nps('ev-nps-9', 9, 2), resolved('ev-ok', 3)]);
    expect(lastGate(early)).toMatchObject({ status: 'HOLD', reasons: [{ rule: 'G4', code: 'awaiting-turnaround', eventIds: ['ev-k', 'ev-ok'] }] });
    const later = run([registered, complaint('ev-k', 1), nps('ev-nps-9', 9, 2), resolved('ev-ok', 3), nps('ev-nps-8', 8, 95)]);
    expect(lastGate(later)).toMatchObject({ status: 'TARGET', reasons: [{ rule: 'G4', eventIds: ['ev-ok', 'ev-nps-8'] }, { rule: 'G3' }] });
  });

  it('G4, K5: a reopened complaint holds again; it must be confirmed resolved once more', () => {
    const history = run([registered, complaint('ev-k', 1), resolved('ev-ok', 2), ['ev-re', { kind: 'complaint-reopened', complaintId: 'k-1', at: at(3) }]]);
    expect(lastGate(history)).toMatchObject({ status: 'HOLD', reasons: [{ rule: 'G2', eventIds: ['ev-re'] }] });
  });

  it('G3: NPS × share of wallet: high/low → TARGET, high/high → NURTURE, low/high → FIX_FIRST, low/low → HOLD', () => {
    expect(lastGate(run([registered, share('ev-sh', 0.2, 1), nps('n', 9, 2)])).status).toBe('TARGET');
    expect(lastGate(run([registered, share('ev-sh', 0.8, 1), nps('n', 9, 2)])).status).toBe('NURTURE');
    expect(lastGate(run([registered, share('ev-sh', 0.8, 1), nps('n', 2, 2)]))).toMatchObject({
      status: 'FIX_FIRST',
      reasons: [{ rule: 'G1' }, { rule: 'G3', code: 'low-nps-high-share', eventIds: ['n', 'ev-sh'] }],
    });
    expect(lastGate(run([registered, share('ev-sh', 0.2, 1), nps('n', 2, 2)])).status).toBe('HOLD');
    expect(lastGate(run([registered])).status).toBe('OPEN');
  });

  it('G3: FIX_FIRST alerts the owner and their manager once per change, naming the reasons; not once the gate moved on', () => {
    const fixFirst = run([registered, share('ev-sh', 0.8, 1), nps('n', 2, 2)]);
    const alert: GateCommand = { type: 'alert-fix-first', customerId: 'c-1', gateEventId: 'gate-7', managerId: 'manager-max', now: new Date(at(2)) };
    spec.given(fixFirst).when(alert).then([
      { type: 'sales-gating.fix-first-alerted.v1', data: { customerId: 'c-1', ownerId: 'rep-ana', managerId: 'manager-max', gateEventId: 'gate-7', reasons: lastGate(fixFirst).reasons, at: at(2) } },
    ]);
    spec.given([...fixFirst, ...gateDecider.decide(alert, fold(gateDecider, fixFirst))]).when(alert).then([]);
    spec.given(run([registered, nps('n', 9, 1)])).when(alert).then([]);
  });

  it('G3: the cut-offs are policy: under a stricter policy a passive (8) is low NPS', () => {
    const strict: GatePolicy = { ...policy, version: 'strict', quadrant: { ...policy.quadrant, highNpsFrom: 9 } };
    expect(lastGate(run([registered, nps('n', 8, 1)], strict))).toMatchObject({ status: 'HOLD', policyVersion: 'strict', reasons: [{ rule: 'G3', code: 'low-nps-low-share' }] });
  });

  it('G8: a drop in spend or share alone changes nothing: NURTURE stays NURTURE', () => {
    const before = run([registered, share('ev-sh', 0.8, 1), nps('n', 9, 2)]);
    expect(lastGate(before).status).toBe('NURTURE');
    spec.given(before).when(note('ev-drop', { kind: 'share-of-wallet', share: 0.1, at: at(3) }, 3)).then([noted('ev-drop', { kind: 'share-of-wallet', share: 0.1, at: at(3) })]);
    spec.given(before).when(note('ev-buy', { kind: 'purchase', purchaseId: 'p', amount: 1, at: at(3) }, 3)).then([noted('ev-buy', { kind: 'purchase', purchaseId: 'p', amount: 1, at: at(3) })]);
  });

  it('G8: a share drop noted quietly is not acted on by the next unrelated fact; a new NPS answer decides with it', () => {
    const dropped = run([registered, share('ev-sh', 0.8, 1), nps('n', 9, 2), share('ev-drop', 0.1, 3), ['ev-survey', { kind: 'survey-sent', surveyId: 's-9', at: at(4) }]]);
    expect(lastGate(dropped).status).toBe('NURTURE');
    const answered = run([registered, share('ev-sh', 0.8, 1), nps('n', 9, 2), share('ev-drop', 0.1, 3), nps('n-2', 10, 95)]);
    expect(lastGate(answered)).toMatchObject({ status: 'TARGET', reasons: [{ rule: 'G3', eventIds: ['n-2', 'ev-drop'] }] });
  });

  it('G8: a drop in share never lifts a hold', () => {
    const held = run([registered, share('ev-sh', 0.8, 1), nps('n', 3, 2)]);
    const after = [...held, ...gateDecider.decide(note('ev-drop', { kind: 'share-of-wallet', share: 0.1, at: at(3) }, 3), fold(gateDecider, held))];
    expect(['HOLD', 'FIX_FIRST']).toContain(lastGate(after).status);
    expect(changes(after).every((c) => c.data.decision.status !== 'TARGET')).toBe(true);
  });

  it('G7: a decision names its policy version and, when only a new survey can lift it, the earliest time (F4: 90 days)', () => {
    const gate = lastGate(run([registered, nps('ev-nps', 4, 1)]));
    expect(gate.nextChangeAt).toBe(at(91));
    const blocked = lastGate(run([registered, complaint('ev-k', 1)]));
    expect(blocked.nextChangeAt).toBeNull();
  });

  it('G7: the same fact twice, or a fact that changes nothing, records no new decision', () => {
    const history = run([registered, nps('n', 9, 1)]);
    const again = gateDecider.decide(note('ev-contact', { kind: 'survey-sent', surveyId: 's-2', at: at(2) }, 2), fold(gateDecider, history));
    expect(again.map((e) => e.type)).toEqual(['sales-gating.fact-noted.v1']);
  });

  it('G7: a new policy version re-evaluates and records why the gate changed', () => {
    const history = run([registered, nps('n', 8, 1)]);
    const strict: GatePolicy = { ...policy, version: 'strict', quadrant: { ...policy.quadrant, highNpsFrom: 9 } };
    spec
      .given(history)
      .when({ type: 're-evaluate', customerId: 'c-1', policy: strict, now: new Date(at(5)) })
      .thenState((s) => expect(s.decision).toMatchObject({ status: 'HOLD', policyVersion: 'strict' }));
    const events = gateDecider.decide({ type: 're-evaluate', customerId: 'c-1', policy: strict, now: new Date(at(5)) }, fold(gateDecider, history));
    expect(events).toEqual([expect.objectContaining({ data: expect.objectContaining({ previous: 'TARGET', cause: { kind: 'policy', policyVersion: 'strict' } }) })]);
    spec.given(history).when({ type: 're-evaluate', customerId: 'c-1', policy, now: new Date(at(5)) }).then([]);
  });

  it('G3, G4: policies that weaken the rules are refused', () => {
    expect(policyProblems(policy)).toEqual([]);
    expect(policyProblems({ ...policy, turnaroundMinNps: 5, pressure: { ...policy.pressure, pitchSpacingDays: 3 } })).toEqual([
      expect.stringContaining('turnaroundMinNps'),
      expect.stringContaining('pitchSpacingDays'),
    ]);
  });
});

describe('policy versions (G7)', () => {
  const policies = deciderSpec(policyDecider);
  const put = (p: GatePolicy): PutPolicy => ({ type: 'put-policy', policy: p, putBy: 'manager-max', reason: 'stricter after Q1', now: new Date(at(0)) });
  const strict: GatePolicy = { ...policy, version: 'gating-2026.2', quadrant: { ...policy.quadrant, highNpsFrom: 9 } };

  it('G7: a new version is put in force with who and why; the same version again changes nothing', () => {
    policies.given([]).when(put(strict)).then([{ type: 'sales-gating.policy-put.v1', data: { policy: strict, putBy: 'manager-max', reason: 'stricter after Q1', at: at(0) } }]);
    const history = [{ type: 'sales-gating.policy-put.v1' as const, data: { policy: strict, putBy: 'manager-max', reason: 'x', at: at(0) } }];
    policies.given(history).when(put(strict)).then([]);
  });

  it('G7: a version is never reused for other values; an invalid policy is refused naming each problem', () => {
    policies.given([]).when(put({ ...policy, turnaroundMinNps: 9 })).thenThrows({ code: 'policy-version-taken' });
    policies.given([]).when(put({ ...strict, pressure: { ...strict.pressure, pitchSpacingDays: 2 } })).thenThrows({ code: 'invalid-policy', kind: 'rule_violation' });
  });
});
