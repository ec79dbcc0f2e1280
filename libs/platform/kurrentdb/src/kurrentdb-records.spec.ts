// Mapping only (no engine): what the adapter writes reads back as the same port event. The adapter's
// behaviour against a server is proven by the conformance suite, which needs KURRENTDB_URL.
import type { AppendContext } from '@rapport/platform-eventsourcing';
import type { ResolvedEvent } from '@kurrent/kurrentdb-client';
import { domainEvent, fromDomainStream, fromLog, loggedEvent, LOGGED } from './kurrentdb-records';

const context: AppendContext = {
  recordedAt: '2026-03-03T10:00:00.000Z',
  actor: { id: 'rep-ana', kind: 'user', roles: ['rep'] },
  via: 'api',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  commandId: 'cmd-1',
  reason: 'because',
};
const event = { eventId: '0190c9a1-8f2e-7cc1-9a9e-1b2c3d4e5f60', type: 'customers.customer-registered.v1', data: { name: 'Ada', tags: ['a'] } };

/** What the client hands back for a JSON event: data and metadata parsed, revision as bigint. */
const resolved = (data: unknown, metadata: unknown, revision: bigint, type: string, id: string): ResolvedEvent =>
  ({ event: { streamId: 's', id, isJson: true, revision, type, created: new Date(), data, metadata } }) as unknown as ResolvedEvent;

describe('KurrentDB records', () => {
  it('writes metadata as an object of strings, which multi-stream appends require', () => {
    const written = domainEvent(event, context, 7);
    expect(Object.values(written.metadata as object).every((v) => typeof v === 'string')).toBe(true);
    expect(written.metadata).toMatchObject({ $correlationId: 'corr-1', $causationId: 'cause-1' });
    expect(written.id).toBe(event.eventId);
  });

  it('reads a domain-stream event back with its version, global position and envelope', () => {
    const written = domainEvent(event, context, 7);
    for (const metadata of [written.metadata, new TextEncoder().encode(JSON.stringify(written.metadata))]) {
      const read = fromDomainStream(resolved(written.data, metadata, 2n, event.type, event.eventId), 'customer-1')!;
      expect(read).toEqual({
        type: event.type,
        data: event.data,
        metadata: { eventId: event.eventId, streamId: 'customer-1', streamVersion: 3, globalPosition: 7, ...context },
      });
    }
  });

  it('reads the order stream: revision r is global position r + 1', () => {
    const logged = loggedEvent({ streamId: 'customer-1', streamVersion: 3, eventId: event.eventId, type: event.type, data: event.data, context });
    expect(logged.type).toBe(LOGGED);
    expect(logged.id).not.toBe(event.eventId);
    const read = fromLog(resolved(logged.data, undefined, 41n, LOGGED, logged.id))!;
    expect(read.metadata).toEqual({ eventId: event.eventId, streamId: 'customer-1', streamVersion: 3, globalPosition: 42, ...context });
    expect(read.data).toEqual(event.data);
  });
});
