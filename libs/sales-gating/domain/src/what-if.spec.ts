import type { GateFact } from './gate.facts';
import type { GateEvent } from './gate.events';
import { defaultGatePolicy as policy, type GatePolicy } from './gate.policy';
import { replayGate, whatIf } from './what-if';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (day: number): string => new Date(T0 + day * 86_400_000).toISOString();
const noted = (id: string, fact: GateFact): GateEvent => ({ type: 'sales-gating.fact-noted.v1', data: { customerId: 'c-1', sourceEventId: id, fact } });
const stricter: GatePolicy = { ...policy, version: 'strict', quadrant: { ...policy.quadrant, highNpsFrom: 9 } };

const history: GateEvent[] = [
  noted('reg', { kind: 'registered', ownerId: 'rep-ana', at: at(0) }),
  noted('nps-8', { kind: 'nps-answered', surveyId: 's-1', score: 8, at: at(1) }),
  noted('buy', { kind: 'purchase', purchaseId: 'p-1', amount: 100, at: at(5) }),
  noted('k', { kind: 'complaint-received', complaintId: 'k-1', at: at(9) }),
  noted('lost', { kind: 'left', at: at(30) }),
];

describe('policy what-if (G3, G7)', () => {
  it('G7: replaying the recorded facts under a policy gives the decisions it would have made, writing nothing', () => {
    expect(replayGate(history, policy).timeline.entries.map((e) => [e.status, e.eventId])).toEqual([
      ['OPEN', 'reg'],
      ['TARGET', 'nps-8'],
      ['HOLD', 'k'],
    ]);
  });

  it('G3: under a stricter quadrant a passive would have been held: when, how, and what the customer did afterwards', () => {
    expect(whatIf(history, policy, stricter)).toEqual({
      customerId: 'c-1',
      firstDifferenceAt: at(1),
      firstDifferenceEventId: 'nps-8',
      firstDifferenceFact: 'nps-answered',
      inForce: 'TARGET',
      proposed: 'HOLD',
      inForceReasons: [expect.objectContaining({ rule: 'G3', code: 'high-nps-low-share', eventIds: ['nps-8'] })],
      proposedReasons: [expect.objectContaining({ rule: 'G3', code: 'low-nps-low-share', eventIds: ['nps-8'] })],
      ownerId: 'rep-ana',
      inForceNow: 'HOLD',
      proposedNow: 'HOLD',
      differingFacts: 2,
      afterwards: { purchases: 1, complaints: 1, detractorAnswers: 0, left: true },
    });
  });

  it('G7: the same policy, or one that changes nothing for this customer, reports no difference', () => {
    expect(whatIf(history, policy, policy)).toBeNull();
    expect(whatIf(history, policy, { ...policy, version: 'wider-snooze', pressure: { ...policy.pressure, maxSnoozeDays: 90 } })).toBeNull();
  });
});
