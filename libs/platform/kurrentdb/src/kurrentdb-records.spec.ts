import { EventStoreError, type AppendContext } from '@rapport/platform-eventsourcing';
import { assertIncreasing, commandMarker, domainEvent, eventMarker, fromStored, namesFor, streamFilterOf, type StoredEvent } from './kurrentdb-records';

const context: AppendContext = {
  recordedAt: '2026-03-03T10:00:00.000Z',
  actor: { id: 'rep-ana', kind: 'user', roles: ['rep'] },
  via: 'api',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  commandId: 'cmd-1',
};
const names = namesFor('t1-');

/** What the server gives back for an event the adapter wrote: the record's properties arrive as its metadata. */
function stored(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const written = domainEvent({ eventId: '0192a3b4-0000-7000-8000-000000000001', type: 'customers.customer-registered.v1', data: { name: 'Mia' } }, context);
  return {
    streamId: 't1-customer-1',
    id: written.id,
    type: written.type,
    revision: 2n,
    data: written.data,
    metadata: written.metadata,
    position: { commit: 4_096n, prepare: 4_096n },
    ...overrides,
  };
}

describe('KurrentDB records', () => {
  it('writes no record property the server may reserve: metadata is strings only, none `$`-prefixed', () => {
    const written = domainEvent({ eventId: 'e-1', type: 't.v1', data: { a: 1 } }, context);
    const metadata = written.metadata as Record<string, unknown>;
    expect(Object.keys(metadata).filter((k) => k.startsWith('$'))).toEqual([]);
    expect(Object.values(metadata).every((v) => typeof v === 'string')).toBe(true);
    expect(metadata).toMatchObject({ correlationId: 'corr-1', causationId: 'cause-1' });
    for (const marker of [commandMarker(names, 'cmd-1'), eventMarker(names, { eventId: 'e-1', streamId: 's' })]) {
      expect(Object.keys((marker.metadata as Record<string, unknown> | undefined) ?? {}).filter((k) => k.startsWith('$'))).toEqual([]);
    }
  });

  it('reads an event back with the envelope, version = revision + 1, and its $all commit position as the global position', () => {
    const event = fromStored(names, stored())!;
    expect(event.type).toBe('customers.customer-registered.v1');
    expect(event.data).toEqual({ name: 'Mia' });
    expect(event.metadata).toMatchObject({ streamId: 'customer-1', streamVersion: 3, globalPosition: 4_096, commandId: 'cmd-1', actor: context.actor });
  });

  it('reads metadata given back as raw bytes too', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(stored().metadata));
    expect(fromStored(names, stored({ metadata: bytes }))!.metadata.correlationId).toBe('corr-1');
  });

  it('skips streams that are not this namespace\'s domain streams (other namespaces, system streams, markers)', () => {
    expect(fromStored(names, stored({ streamId: 't2-customer-1' }))).toBeUndefined();
    expect(fromStored(names, stored({ streamId: '$et-customers' }))).toBeUndefined();
    expect(fromStored(names, stored({ streamId: names.command('cmd-1') }))).toBeUndefined();
    expect(fromStored(names, stored({ streamId: names.event('e-1') }))).toBeUndefined();
  });

  it('refuses an event without a position or the envelope, instead of inventing one', () => {
    expect(() => fromStored(names, stored({ position: undefined }))).toThrow(EventStoreError);
    expect(() => fromStored(names, stored({ metadata: { other: 'x' } }))).toThrow(/no rapport envelope/);
  });

  it('refuses positions that do not increase within a read (no event may be skipped on resume)', () => {
    const at = (p: number) => fromStored(names, stored({ position: { commit: BigInt(p), prepare: BigInt(p) } }))!;
    expect(() => assertIncreasing([at(10), at(20)], 5)).not.toThrow();
    expect(() => assertIncreasing([at(10), at(10)], 5)).toThrow(/do not increase/);
    expect(() => assertIncreasing([at(10)], 10)).toThrow(EventStoreError);
  });

  it('filters $all on the server: prefixes of this namespace, or a regex without system and marker streams', () => {
    expect(streamFilterOf(names, ['customer-', 'contact-key-'])).toMatchObject({ filterOn: 'streamName', prefixes: ['t1-customer-', 't1-contact-key-'] });
    const all = streamFilterOf(namesFor(''));
    expect(all).toHaveProperty('regex');
    const regex = new RegExp((all as { regex: string }).regex);
    expect(['customer-1', 'contact-key-phone:+1'].every((s) => regex.test(s))).toBe(true);
    expect(['$et-x', namesFor('').command('c'), namesFor('').event('e')].some((s) => regex.test(s))).toBe(false);
  });
});
