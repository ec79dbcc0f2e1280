import { metricsRegistry } from '@rapport/platform-observability';
import type { HandleResult } from '@rapport/platform-eventsourcing';
import type { GateChanged, GateEvent } from '@rapport/sales-gating-domain';
import { Counter } from 'prom-client';

/** G7: gate decisions that changed a customer's status, by transition and by what caused them. */
export const gateDecisions = new Counter({
  name: 'rapport_sales_gating_gate_decisions_total',
  help: "G7: gate decisions that changed a customer's status, counted when decided, per transition (from: none for a first decision) and cause (event, policy)",
  labelNames: ['from', 'to', 'cause'] as const,
  registers: [metricsRegistry],
});

/** Counts the status changes a gate command decided; a command answered from the store (duplicate) decided nothing new. */
export function countGateDecisions<S>(result: HandleResult<GateEvent, S>): HandleResult<GateEvent, S> {
  if (result.duplicate) return result;
  for (const event of result.events) {
    if (event.type !== 'sales-gating.gate-changed.v1') continue;
    const data = event.data as GateChanged['data'];
    gateDecisions.inc({ from: data.previous ?? 'none', to: data.decision.status, cause: data.cause.kind });
  }
  return result;
}
