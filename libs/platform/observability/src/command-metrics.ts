import { observeCommands } from '@rapport/platform-eventsourcing';
import { Counter } from 'prom-client';
import { eventStoreLabels } from './event-store-metrics';
import { metricsRegistry } from './metrics';

/**
 * Every command handled in the process, once, whatever brought it (HTTP, a topic, a timer): counted where it is
 * decided and appended (CommandHandler, or `observedCommand` around a multi-stream decision). Labels are the
 * service of the store it ran on, the command's type and how it ended — never an id, so the series stay few.
 */
export const commandsTotal = new Counter({
  name: 'rapport_commands_total',
  help: 'Commands handled, per service, command type and outcome (accepted, unchanged, duplicate, rejected-<kind>, unavailable, failed)',
  labelNames: ['service', 'command', 'outcome'] as const,
  registers: [metricsRegistry],
});

let counting: (() => void) | undefined;

/** Starts counting commands into `rapport_commands_total` (once per process; later calls change nothing). */
export function countCommands(): void {
  counting ??= observeCommands(({ store, command, outcome }) => commandsTotal.inc({ service: eventStoreLabels(store)?.service ?? 'unknown', command, outcome }));
}
