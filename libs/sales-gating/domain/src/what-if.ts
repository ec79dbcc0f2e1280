import type { GateFactKind } from './gate.facts';
import type { FactNoted, GateEvent, GateReason, GateStatus } from './gate.events';
import { gateDecider } from './gate.decider';
import type { GatePolicy } from './gate.policy';
import { initialGateState, type GateState } from './gate.state';

/** One status over time: from `at`, until the next entry. */
export interface GateTimeline {
  readonly entries: readonly { readonly at: string; readonly status: GateStatus; readonly eventId: string }[];
}

/** What happened to the customer after the policies first disagreed. */
export interface Afterwards {
  readonly purchases: number;
  readonly complaints: number;
  readonly detractorAnswers: number;
  readonly left: boolean;
}

export interface WhatIfDifference {
  readonly customerId: string;
  /** When the two policies first gave this customer different gates (the fact's time). */
  readonly firstDifferenceAt: string;
  /** G7: the published event behind that fact, and what kind of fact it was. */
  readonly firstDifferenceEventId: string;
  readonly firstDifferenceFact: GateFactKind;
  readonly inForce: GateStatus;
  readonly proposed: GateStatus;
  /** G7: the reasons each policy gave for its gate at the first difference. */
  readonly inForceReasons: readonly GateReason[];
  readonly proposedReasons: readonly GateReason[];
  /** The customer's owner as gating knows it today (null when it never heard). */
  readonly ownerId: string | null;
  /** The gates today under each. */
  readonly inForceNow: GateStatus | null;
  readonly proposedNow: GateStatus | null;
  /** How many of the facts left the two gates different. */
  readonly differingFacts: number;
  readonly afterwards: Afterwards;
}

/** The gate a policy gives after each recorded fact, in order (null before the first decision), and the final state. */
interface Step {
  readonly fact: FactNoted;
  readonly status: GateStatus | null;
  readonly reasons: readonly GateReason[];
  readonly changed: boolean;
}

function replay(history: readonly GateEvent[], policy: GatePolicy): { steps: Step[]; state: GateState } {
  let state = initialGateState();
  const steps: Step[] = [];
  for (const event of history) {
    if (event.type === 'sales-gating.gate-changed.v1') continue; // decisions are made again, not replayed
    if (event.type !== 'sales-gating.fact-noted.v1') {
      state = gateDecider.evolve(state, event); // attempts and quotes as they happened: they do not move gates
      continue;
    }
    const d = event.data;
    const decided = gateDecider.decide({ type: 'note-fact', customerId: d.customerId, sourceEventId: d.sourceEventId, fact: d.fact, policy, now: new Date(d.fact.at) }, state);
    for (const e of decided) state = gateDecider.evolve(state, e);
    steps.push({ fact: event, status: state.decision?.status ?? null, reasons: state.decision?.reasons ?? [], changed: decided.some((e) => e.type === 'sales-gating.gate-changed.v1') });
  }
  return { steps, state };
}

/**
 * Replays the facts a customer's gate stream recorded through the decider under a policy, at the time of each
 * fact, without writing anything.
 */
export function replayGate(history: readonly GateEvent[], policy: GatePolicy): { timeline: GateTimeline; state: GateState } {
  const { steps, state } = replay(history, policy);
  const entries = steps.filter((s) => s.changed && s.status !== null).map((s) => ({ at: s.fact.data.fact.at, status: s.status!, eventId: s.fact.data.sourceEventId }));
  return { timeline: { entries }, state };
}

/**
 * Policy what-if for one customer: the recorded facts under the policy in force and under a proposed one. Null when
 * the gates never differ; else when they first did, how, today's gates, and what the customer did afterwards
 * (bought, complained, answered as a detractor, left) — evidence for a manager before switching policies.
 */
export function whatIf(history: readonly GateEvent[], inForce: GatePolicy, proposed: GatePolicy): WhatIfDifference | null {
  const { steps: a, state } = replay(history, inForce);
  const b = replay(history, proposed).steps;
  const first = a.findIndex((x, i) => x.status !== b[i]!.status);
  if (first < 0) return null;
  const after = a.slice(first + 1).map((x) => x.fact.data.fact);
  return {
    customerId: a[first]!.fact.data.customerId,
    firstDifferenceAt: a[first]!.fact.data.fact.at,
    firstDifferenceEventId: a[first]!.fact.data.sourceEventId,
    firstDifferenceFact: a[first]!.fact.data.fact.kind,
    inForce: a[first]!.status ?? 'OPEN',
    proposed: b[first]!.status ?? 'OPEN',
    inForceReasons: a[first]!.reasons,
    proposedReasons: b[first]!.reasons,
    ownerId: state.ownerId,
    inForceNow: a.at(-1)!.status,
    proposedNow: b.at(-1)!.status,
    differingFacts: a.filter((x, i) => x.status !== b[i]!.status).length,
    afterwards: {
      purchases: after.filter((f) => f.kind === 'purchase').length,
      complaints: after.filter((f) => f.kind === 'complaint-received').length,
      detractorAnswers: after.filter((f) => f.kind === 'nps-answered' && f.score <= 6).length,
      left: after.some((f) => f.kind === 'left' || f.kind === 'closed'),
    },
  };
}
