import { trace } from '@opentelemetry/api';
import { currentLogContext } from '@rapport/platform-eventsourcing';

export interface LogFields {
  traceId?: string;
  spanId?: string;
  correlationId?: string;
  causationId?: string;
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * The ids every log line carries: trace and span of the active OpenTelemetry span (else of the trace
 * context the handled event or message brought along), and the correlation id of the request, command or
 * event being handled. Evaluated per line, so a line always names the work that wrote it.
 */
export function logFields(): LogFields {
  const fields: LogFields = {};
  const context = currentLogContext();
  const span = trace.getActiveSpan()?.spanContext();
  if (span && trace.isSpanContextValid(span)) {
    fields.traceId = span.traceId;
    fields.spanId = span.spanId;
  } else if (context?.traceparent) {
    const match = TRACEPARENT.exec(context.traceparent);
    if (match) {
      fields.traceId = match[1]!;
      fields.spanId = match[2]!;
    }
  }
  if (context?.correlationId) fields.correlationId = context.correlationId;
  if (context?.causationId) fields.causationId = context.causationId;
  return fields;
}
