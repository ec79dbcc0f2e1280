import { parseIntegrationEvent, PoisonMessageError, type IntegrationEvent, type OutgoingMessage } from '@rapport/platform-messaging';

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as `ce_<name>` headers,
 * `datacontenttype` as `content-type`, the value is the JSON data; the W3C trace context rides in the
 * `traceparent` / `tracestate` headers every tracing library reads.
 *
 * Mapped by hand rather than with the SDK's `Kafka.binary` / `Kafka.toEvent` (cloudevents 10.0.0), which on the
 * way out emits headers whose value is `undefined` (`ce_dataschema`, `ce_schemaurl`…), repeats the content type
 * as `ce_datacontenttype`, leaves `data` unserialised and puts the trace context only in `ce_traceparent`; and
 * on the way in builds the event without validation, defaulting a missing `ce_specversion` to 1.0 and a
 * missing `ce_time` to now, and throws a bare `RangeError` on a bad time. The SDK still validates every
 * incoming event, strictly, through {@link parseIntegrationEvent}.
 */

/** A record as the producer sends it: key, value and header values are strings. */
export interface ProducedRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

const CONTENT_TYPE = 'content-type';
const REQUIRED_HEADERS = ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time'] as const;

export function toBinaryRecord(message: OutgoingMessage): ProducedRecord {
  const { data, datacontenttype, traceparent, tracestate, ...attributes } = message.event;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) headers[`ce_${name}`] = String(value);
  }
  headers[CONTENT_TYPE] = datacontenttype;
  if (traceparent) headers['traceparent'] = traceparent;
  if (tracestate) headers['tracestate'] = tracestate;
  return { topic: message.topic, key: message.key, value: JSON.stringify(data ?? null), headers };
}

/** Header names lower-cased (the binding's names are case-insensitive), values decoded as UTF-8. */
export function decodeHeaders(headers: Iterable<readonly [unknown, unknown]>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name === undefined || name === null) continue;
    decoded[text(name).toLowerCase()] = value === undefined || value === null ? '' : text(value);
  }
  return decoded;
}

/**
 * The integration event a record carries (binary mode; structured mode `application/cloudevents+json` is read too,
 * for integrators that send it).
 * @throws PoisonMessageError naming what is wrong: no retry can fix the record, it goes to the dead-letter topic.
 */
export function fromRecord(value: Buffer | string | null | undefined, headers: Record<string, string>): IntegrationEvent {
  const contentType = (headers[CONTENT_TYPE] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === 'application/cloudevents+json') return parseIntegrationEvent(parseJson(value));
  const missing = REQUIRED_HEADERS.filter((name) => !headers[name]);
  if (missing.length > 0) throw new PoisonMessageError(`not a CloudEvent: missing header(s) ${missing.join(', ')}`);
  if (contentType !== 'application/json') throw new PoisonMessageError(`unsupported content-type: ${headers[CONTENT_TYPE] ?? '(none)'}`);
  const attributes: Record<string, unknown> = {};
  for (const [name, headerValue] of Object.entries(headers)) {
    if (name.startsWith('ce_')) attributes[name.slice(3)] = headerValue;
  }
  const traceparent = headers['traceparent'] ?? attributes['traceparent'];
  const tracestate = headers['tracestate'] ?? attributes['tracestate'];
  return parseIntegrationEvent({
    ...attributes,
    datacontenttype: 'application/json',
    data: parseJson(value),
    ...(traceparent ? { traceparent } : {}),
    ...(tracestate ? { tracestate } : {}),
  });
}

function parseJson(value: Buffer | string | null | undefined): unknown {
  if (value === null || value === undefined || value.length === 0) throw new PoisonMessageError('value is empty');
  try {
    return JSON.parse(text(value));
  } catch (error) {
    throw new PoisonMessageError(`value is not JSON: ${(error as { message?: string }).message ?? String(error)}`);
  }
}

const text = (value: unknown): string => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value));

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A value kept verbatim for the dead-letter topic: UTF-8 text when it is, base64 otherwise. */
export function verbatim(value: Buffer | null | undefined): { value: string | null; valueEncoding: 'utf8' | 'base64' } {
  if (value === null || value === undefined) return { value: null, valueEncoding: 'utf8' };
  try {
    return { value: strictUtf8.decode(value), valueEncoding: 'utf8' };
  } catch {
    return { value: value.toString('base64'), valueEncoding: 'base64' };
  }
}
