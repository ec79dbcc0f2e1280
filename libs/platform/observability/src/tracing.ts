import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { QueryValuesRedactor } from './query-redaction';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing when configured (`OTEL_EXPORTER_OTLP_ENDPOINT`, or `OTEL_TRACES_EXPORTER=console`),
 * with HTTP, Express, pg, mongoose and MongoDB-driver instrumentation and W3C propagation. Must run before `http`/`express` are loaded, so each
 * app calls it from its first import. Off by default: embedded mode needs no collector.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const exporter: SpanExporter | undefined = endpoint
    ? new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` })
    : env['OTEL_TRACES_EXPORTER'] === 'console'
      ? new ConsoleSpanExporter()
      : undefined;
  if (!exporter) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env['OTEL_SERVICE_NAME'] ?? serviceName }),
    // A5: query values (a search sends a name, a phone or an email) are replaced before any span leaves the process.
    spanProcessors: [new QueryValuesRedactor(), new BatchSpanProcessor(exporter)],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  // Event store (pg) and read models (mongoose, and the driver under it: the store uses collections directly) get
  // spans of their own; Kafka producer and consumer spans come from the adapter (W3C context in record headers).
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation(),
      // Middleware layers (body parsers, correlation) would be ten spans per request saying nothing.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new PgInstrumentation({ requireParentSpan: true }),
      new MongooseInstrumentation({ requireParentSpan: true }),
      new MongoDBInstrumentation({ requireParentSpan: true }),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
