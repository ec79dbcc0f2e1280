import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The W3C trace context of the active span, to record on events and to send with messages; falls back to
 * what the caller sent when tracing is off (no SDK registered), so the context still travels end to end.
 */
export function currentTraceContext(fallback: TraceCarrier = {}): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : fallback;
}

/** Runs `work` in a span whose parent is the trace context carried by a message (CloudEvents tracing extension). */
export async function withMessageSpan<T>(name: string, carrier: TraceCarrier, attributes: Record<string, string | number>, work: () => Promise<T>): Promise<T> {
  const parent: Context = carrier.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : context.active();
  return trace.getTracer('rapport').startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
