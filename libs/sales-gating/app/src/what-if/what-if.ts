import { toDomainEvent, type EventStore } from '@rapport/platform-eventsourcing';
import { gateStreamId, whatIf, type GateEvent, type GatePolicy, type WhatIfDifference } from '@rapport/sales-gating-domain';
import type { SalesGatingQueries } from '../sales-gating-queries';

const PAGE = 1_000;

export interface WhatIfReport {
  readonly inForceVersion: string;
  readonly proposedVersion: string;
  readonly customers: number;
  readonly differing: number;
  /** Per gate the proposal would have given instead: how many customers, and what they did afterwards. */
  readonly summary: readonly { readonly inForce: string; readonly proposed: string; readonly customers: number; readonly purchases: number; readonly complaints: number; readonly left: number }[];
  readonly items: readonly WhatIfDifference[];
}

/**
 * The policy what-if: every customer's recorded facts replayed under the policy in force and under a proposed one,
 * nothing written. Reads each gate stream once (a report, not a hot path: minutes for a million customers).
 */
export async function whatIfReport(
  events: EventStore,
  queries: SalesGatingQueries,
  inForce: GatePolicy,
  proposed: GatePolicy,
  limit: number,
  /** Called after each page of customers with how many were replayed so far (a CLI prints progress). */
  progress?: (customers: number) => void,
): Promise<WhatIfReport> {
  let customers = 0;
  const differences: WhatIfDifference[] = [];
  for (let after: string | undefined; ; ) {
    const ids = await queries.customerIds(after, PAGE);
    for (const id of ids) {
      const history = (await events.readStream<GateEvent>(gateStreamId(id))).map((e) => toDomainEvent(e));
      customers += 1;
      const difference = whatIf(history, inForce, proposed);
      if (difference) differences.push(difference);
    }
    progress?.(customers);
    if (ids.length < PAGE) break;
    after = ids.at(-1);
  }
  const groups = new Map<string, { inForce: string; proposed: string; customers: number; purchases: number; complaints: number; left: number }>();
  for (const d of differences) {
    const key = `${d.inForce}→${d.proposed}`;
    const g = groups.get(key) ?? { inForce: d.inForce, proposed: d.proposed, customers: 0, purchases: 0, complaints: 0, left: 0 };
    g.customers += 1;
    g.purchases += d.afterwards.purchases;
    g.complaints += d.afterwards.complaints;
    g.left += d.afterwards.left ? 1 : 0;
    groups.set(key, g);
  }
  return {
    inForceVersion: inForce.version,
    proposedVersion: proposed.version,
    customers,
    differing: differences.length,
    summary: [...groups.values()].sort((a, b) => b.customers - a.customers),
    items: differences.slice(0, limit),
  };
}
