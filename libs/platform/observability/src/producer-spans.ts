import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Link, type Span } from '@opentelemetry/api';
import type { TraceCarrier } from './trace-context';

/** What a producer span needs of a message: where it goes, its id, and the trace context it was created in. */
export interface TracedMessage {
  readonly topic: string;
  readonly event: TraceCarrier & { readonly id: string };
}

const contextOf = (carrier: TraceCarrier) => propagation.extract(ROOT_CONTEXT, carrier);

/**
 * Producer spans around a publish. Each message gets a `create <topic>` span whose parent is the trace context
 * the message carries (for the relay: the one the command stored with its events), and the message leaves with
 * that span's context, so the consumer's span becomes its child — one trace from the HTTP request to the read
 * model in another service. The batch itself is a `send <topics>` span linked to every message's context (the
 * relay runs outside any request). Without a tracing SDK nothing is recorded and messages keep their context.
 */
export async function withProducerSpans<M extends TracedMessage>(messages: readonly M[], publish: (traced: M[]) => Promise<void>): Promise<void> {
  const tracer = trace.getTracer('rapport');
  const links: Link[] = messages.flatMap((m) => {
    const span = m.event.traceparent ? trace.getSpanContext(contextOf(m.event)) : undefined;
    return span ? [{ context: span }] : [];
  });
  const topics = [...new Set(messages.map((m) => m.topic))].join(',');
  return tracer.startActiveSpan(`send ${topics}`, { kind: SpanKind.PRODUCER, links, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.batch.message_count': messages.length } }, async (batch) => {
    const created: Span[] = [];
    const traced = messages.map((m) => {
      const parent = m.event.traceparent ? contextOf(m.event) : context.active();
      const span = tracer.startSpan(`create ${m.topic}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'create', 'messaging.destination.name': m.topic, 'messaging.message.id': m.event.id } }, parent);
      created.push(span);
      const carrier: TraceCarrier = {};
      propagation.inject(trace.setSpan(parent, span), carrier);
      return carrier.traceparent ? { ...m, event: { ...m.event, ...carrier } } : m;
    });
    try {
      await publish(traced);
    } catch (error) {
      for (const span of [...created, batch]) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      throw error;
    } finally {
      for (const span of created) span.end();
      batch.end();
    }
  });
}
