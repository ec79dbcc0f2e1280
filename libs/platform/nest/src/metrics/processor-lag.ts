import { metricsRegistry } from '@rapport/platform-observability';
import { Gauge } from 'prom-client';
import type { ReadinessRegistry } from '../runtime/readiness';

/** The readiness registries of the running applications (one, except in tests that start several in one process). */
const registries = new Set<ReadinessRegistry>();

interface Lag {
  readonly service: string;
  readonly processor: string;
  readonly eventsBehind: number;
  readonly secondsBehind: number;
}

/** `customers/relay` → service `customers`, processor `relay` (a projection, reactor or relay of that service). */
const labelsOf = (name: string): { service: string; processor: string } => {
  const slash = name.indexOf('/');
  return slash < 0 ? { service: name, processor: name } : { service: name.slice(0, slash), processor: name.slice(slash + 1) };
};

async function lags(): Promise<Lag[]> {
  const reports = await Promise.all([...registries].map((registry) => registry.report().catch(() => undefined)));
  return reports.flatMap((report) => report?.processors.map((p) => ({ ...labelsOf(p.name), eventsBehind: p.eventsBehind, secondsBehind: p.secondsBehind })) ?? []);
}

/** Both gauges are filled from one reading per scrape (prom-client collects the metrics of a scrape concurrently). */
let reading: Promise<Lag[]> | undefined;
const current = (): Promise<Lag[]> => (reading ??= lags().finally(() => (reading = undefined)));

/**
 * How far each processor over a service's event store is behind — the outbox relay to the service's topic,
 * its projections and reactors — in events and in seconds (age of the oldest event not yet handled): the same
 * figures `/ready` lists, per scrape.
 */
export const processorLagEvents = new Gauge({
  name: 'rapport_processor_lag_events',
  help: "Events of the service's store not yet handled by a processor (relay to the topic, projection, reactor): head position minus checkpoint",
  labelNames: ['service', 'processor'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const lag of await current()) this.set({ service: lag.service, processor: lag.processor }, lag.eventsBehind);
  },
});

export const processorLagSeconds = new Gauge({
  name: 'rapport_processor_lag_seconds',
  help: 'Age in seconds of the oldest event a processor (relay to the topic, projection, reactor) has not handled yet; 0 when caught up',
  labelNames: ['service', 'processor'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const lag of await current()) this.set({ service: lag.service, processor: lag.processor }, lag.secondsBehind);
  },
});

/** Adds an application's processors to `/metrics`; the returned function removes them. */
export function reportProcessorLag(registry: ReadinessRegistry): () => void {
  registries.add(registry);
  return () => void registries.delete(registry);
}
