import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one Prometheus registry of the process, served at `/metrics`. Every metric of the platform registers here
 * (consumer lag now; dashboards add theirs), so one scrape sees them all. Process metrics (CPU, memory, event-loop
 * lag, GC) are collected with the `rapport_` prefix.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'rapport_' });
