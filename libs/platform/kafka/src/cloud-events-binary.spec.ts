import { PoisonMessageError, type IntegrationEvent } from '@rapport/platform-messaging';
import { decodeHeaders, fromRecord, toBinaryRecord, verbatim } from './cloud-events-binary';

const event: IntegrationEvent<{ customerId: string }> = {
  specversion: '1.0',
  id: '0194b7a2-1c3e-7000-8000-000000000001',
  source: '/rapport/customers',
  type: 'rapport.customers.customer-registered.v1',
  subject: 'customer-1',
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { customerId: 'customer-1' },
  correlationid: 'corr-1',
  causationid: 'cmd-1',
  actorid: 'rep-ana',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  tracestate: 'rapport=1',
};

const record = toBinaryRecord({ topic: 'rapport.customers.v1', key: 'customer-1', event });
const bytes = (headers: Record<string, string>): Record<string, string> => decodeHeaders(Object.entries(headers).map(([k, v]) => [Buffer.from(k), Buffer.from(v)]));
const poisonReason = (value: Buffer | string | undefined, headers: Record<string, string>): string => {
  try {
    fromRecord(value, headers);
  } catch (error) {
    expect(error).toBeInstanceOf(PoisonMessageError);
    return (error as Error).message;
  }
  throw new Error('expected a PoisonMessageError');
};

describe('CloudEvents Kafka binding, binary mode', () => {
  it('puts every attribute in a ce_ header, the data as the JSON value, the trace context in W3C headers', () => {
    expect(record).toEqual({
      topic: 'rapport.customers.v1',
      key: 'customer-1',
      value: '{"customerId":"customer-1"}',
      headers: {
        ce_specversion: '1.0',
        ce_id: event.id,
        ce_source: '/rapport/customers',
        ce_type: 'rapport.customers.customer-registered.v1',
        ce_subject: 'customer-1',
        ce_time: '2026-03-03T10:00:00.000Z',
        ce_correlationid: 'corr-1',
        ce_causationid: 'cmd-1',
        ce_actorid: 'rep-ana',
        'content-type': 'application/json',
        traceparent: event.traceparent,
        tracestate: 'rapport=1',
      },
    });
  });

  it('reads back the same event from bytes on the wire', () => {
    expect(fromRecord(Buffer.from(record.value), bytes(record.headers))).toEqual(event);
  });

  it('reads header names case-insensitively, a content-type with parameters, and ce_traceparent from other producers', () => {
    const { traceparent, ...headers } = record.headers;
    const read = fromRecord(record.value, bytes({ ...headers, 'Content-Type': 'application/json; charset=utf-8', ce_traceparent: traceparent! }));
    expect(read.traceparent).toBe(event.traceparent);
  });

  it('reads structured mode (application/cloudevents+json) too', () => {
    expect(fromRecord(JSON.stringify(event), { 'content-type': 'application/cloudevents+json' })).toEqual(event);
  });

  it.each([
    ['a value that is not JSON', 'not json {', record.headers, /^value is not JSON/],
    ['an empty value', undefined, record.headers, /^value is empty$/],
    ['no ce_ headers at all', record.value, { 'content-type': 'application/json' }, /^not a CloudEvent: missing header\(s\) ce_specversion, ce_id, ce_source, ce_type, ce_time$/],
    ['a missing ce_id', record.value, { ...record.headers, ce_id: '' }, /missing header\(s\) ce_id$/],
    ['specversion 0.3', record.value, { ...record.headers, ce_specversion: '0.3' }, /^unsupported specversion: 0.3$/],
    ['a non-JSON content type', record.value, { ...record.headers, 'content-type': 'text/plain' }, /^unsupported content-type: text\/plain$/],
    ['an invalid extension name', record.value, { ...record.headers, 'ce_bad-name': 'x' }, /^invalid CloudEvent/],
  ])('refuses %s as poison, saying why', (_case, value, headers, reason) => {
    expect(poisonReason(value === undefined ? undefined : Buffer.from(value), headers)).toMatch(reason);
  });

  it('keeps a dead value verbatim: UTF-8 text as text, other bytes as base64', () => {
    expect(verbatim(Buffer.from('not json {'))).toEqual({ value: 'not json {', valueEncoding: 'utf8' });
    expect(verbatim(Buffer.from([0xff, 0xfe, 0x00]))).toEqual({ value: '//4A', valueEncoding: 'base64' });
    expect(verbatim(undefined)).toEqual({ value: null, valueEncoding: 'utf8' });
  });
});
