import { metricsRegistry } from '@rapport/platform-observability';
import type { ComplaintEvent, SlaBreached } from '@rapport/complaints-domain';
import type { HandleResult } from '@rapport/platform-eventsourcing';
import { Counter } from 'prom-client';

/** K3: SLA clocks that ran out, counted when the breach is decided (once per clock of a complaint). */
export const slaBreaches = new Counter({
  name: 'rapport_complaints_sla_breaches_total',
  help: 'K3: SLA clocks breached, counted when the breach is decided (each clock of a complaint once), per clock (acknowledge, resolve) and severity',
  labelNames: ['clock', 'severity'] as const,
  registers: [metricsRegistry],
});

/** Counts the breaches a command decided; a command answered from the store (duplicate) decided nothing new. */
export function countBreaches(result: HandleResult<ComplaintEvent, { readonly severity: string | null }>): void {
  if (result.duplicate) return;
  for (const event of result.events) {
    if (event.type !== 'complaints.sla-breached.v1') continue;
    slaBreaches.inc({ clock: (event.data as SlaBreached['data']).clock, severity: result.state.severity ?? 'unknown' });
  }
}
