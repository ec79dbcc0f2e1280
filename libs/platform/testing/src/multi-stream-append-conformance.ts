import { ConcurrencyError, EventIdConflictError, uuidv7, type AppendContext, type EventStore, type NewEvent, type StreamAppend } from '@rapport/platform-eventsourcing';
import type { EventStoreHarness } from './event-store-conformance';
import { testActor } from './recorded-events';

export const conformanceContext = (overrides: Partial<AppendContext> = {}): AppendContext => ({
  recordedAt: '2026-03-03T10:00:00.000Z',
  actor: testActor,
  via: 'api',
  correlationId: 'correlation-1',
  causationId: 'cause-1',
  ...overrides,
});

export const conformanceEvents = (count: number, type = 'test.something-happened.v1'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ eventId: uuidv7(), type, data: { n: i, text: `payload ${i}` } }));

const context = conformanceContext;
const events = conformanceEvents;

/** Everything a store holds, as "stream:version" in global order. */
const everything = async (store: EventStore): Promise<string[]> =>
  (await store.readAll({ after: 0, maxCount: 10_000 })).map((e) => `${e.metadata.streamId}:${e.metadata.streamVersion}`);

/** `appendMany`: several streams, each with its own expected version, all or nothing. Part of the event-store conformance. */
export function multiStreamAppendConformance(name: string, harness: () => EventStoreHarness): void {
  describe(`EventStore conformance: ${name}: multi-stream append`, () => {
    let h: EventStoreHarness;
    let store: EventStore;

    beforeEach(async () => {
      h = harness();
      store = await h.open();
    });
    afterEach(async () => {
      await store.close();
      await h.cleanup();
    });

    it('appends to several streams in one call, each with its own expected version, in the order asked', async () => {
      await store.append('b', events(2), { expectedVersion: 'no_stream', context: context() });
      const result = await store.appendMany(
        [
          { streamId: 'a', events: events(1), expectedVersion: 'no_stream' },
          { streamId: 'b', events: events(2), expectedVersion: 2 },
          { streamId: 'c', events: [], expectedVersion: 'any' },
        ],
        { context: context({ commandId: 'multi-1' }) },
      );
      expect(result.duplicate).toBe(false);
      expect(result.streams.map((s) => [s.streamId, s.streamVersion])).toEqual([['a', 1], ['b', 4], ['c', 0]]);
      expect(result.firstPosition).toBe(result.streams[0]!.firstPosition);
      expect(result.lastPosition).toBe(result.streams[1]!.lastPosition);
      expect(await everything(store)).toEqual(['b:1', 'b:2', 'a:1', 'b:3', 'b:4']);
      const b = await store.readStream('b', { fromVersion: 3 });
      expect(b.map((e) => e.metadata.commandId)).toEqual(['multi-1', 'multi-1']);
      expect(await store.findCommand('multi-1')).toMatchObject({ streamId: 'a', firstPosition: result.firstPosition, lastPosition: result.lastPosition });
    });

    it('appends nothing to any stream when the expected version of one does not hold', async () => {
      await store.append('a', events(1), { expectedVersion: 'no_stream', context: context() });
      await store.append('b', events(1), { expectedVersion: 'no_stream', context: context() });
      const before = await everything(store);
      const head = await store.headPosition();
      for (const [streamId, expectedVersion] of [['b', 2], ['c', 'stream_exists'], ['a', 'no_stream']] as const) {
        const appends: StreamAppend[] = [
          { streamId: 'a', events: events(2), expectedVersion: streamId === 'a' ? expectedVersion : 1 },
          { streamId: 'b', events: events(1), expectedVersion: streamId === 'b' ? expectedVersion : 1 },
          { streamId: 'c', events: events(1), expectedVersion: streamId === 'c' ? expectedVersion : 'no_stream' },
        ];
        await expect(store.appendMany(appends, { context: context({ commandId: `refused-${streamId}` }) })).rejects.toMatchObject({
          name: 'ConcurrencyError',
          streamId,
        });
        expect(await store.findCommand(`refused-${streamId}`)).toBeUndefined();
      }
      expect(await everything(store)).toEqual(before);
      expect(await store.headPosition()).toBe(head);
      // Nothing was left half-done: the same streams take the right expectations afterwards.
      await expect(
        store.appendMany([{ streamId: 'a', events: events(1), expectedVersion: 1 }, { streamId: 'c', events: events(1), expectedVersion: 'no_stream' }], { context: context() }),
      ).resolves.toMatchObject({ duplicate: false });
    });

    it('appends nothing when any event id of any stream is already stored elsewhere', async () => {
      const taken = events(1);
      await store.append('owner', taken, { expectedVersion: 'any', context: context() });
      const before = await everything(store);
      const attempt = store.appendMany(
        [
          { streamId: 'x', events: events(2), expectedVersion: 'any' },
          { streamId: 'y', events: [...events(1), ...taken], expectedVersion: 'any' },
        ],
        { context: context() },
      );
      await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(attempt).rejects.toMatchObject({ eventId: taken[0]!.eventId });
      expect(await everything(store)).toEqual(before);
    });

    it('replays a retried call as a duplicate, by command id and by event ids, also after a restart', async () => {
      const a = events(1);
      const b = events(2);
      const appends = [
        { streamId: 'a', events: a, expectedVersion: 'no_stream' as const },
        { streamId: 'b', events: b, expectedVersion: 'no_stream' as const },
      ];
      const first = await store.appendMany(appends, { context: context({ commandId: 'multi-cmd' }) });
      const byCommand = await store.appendMany(
        [{ streamId: 'a', events: events(1), expectedVersion: 'no_stream' }, { streamId: 'b', events: events(2), expectedVersion: 'no_stream' }],
        { context: context({ commandId: 'multi-cmd' }) },
      );
      expect(byCommand).toEqual({ ...first, duplicate: true, streams: first.streams.map((s) => ({ ...s, duplicate: true })) });
      const byIds = await store.appendMany(appends, { context: context() });
      expect(byIds).toEqual(byCommand);
      store = await h.reopen();
      expect(await store.appendMany(appends, { context: context({ commandId: 'multi-cmd' }) })).toEqual(byCommand);
      expect(await store.appendMany(appends, { context: context() })).toEqual(byCommand);
      expect(await everything(store)).toEqual(['a:1', 'b:1', 'b:2']);
    });

    it('refuses a call that names one stream twice', async () => {
      const twice = [
        { streamId: 'a', events: events(1), expectedVersion: 'any' as const },
        { streamId: 'a', events: events(1), expectedVersion: 'any' as const },
      ];
      await expect(async () => store.appendMany(twice, { context: context() })).rejects.toThrow(/twice/);
      expect(await everything(store)).toEqual([]);
    });

    it('lets exactly one of many concurrent calls over a shared stream win; the losers write nothing anywhere', async () => {
      await store.append('shared', events(1), { expectedVersion: 'no_stream', context: context() });
      const writers = [store];
      if (h.openConcurrent) writers.push(await h.openConcurrent());
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          writers[i % writers.length]!.appendMany(
            [
              { streamId: `own-${i}`, events: events(1), expectedVersion: 'no_stream' },
              { streamId: 'shared', events: events(1), expectedVersion: 1 },
            ],
            { context: context() },
          ),
        ),
      );
      for (const writer of writers.slice(1)) await writer.close();
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect(await everything(store)).toEqual(['shared:1', `own-${won[0]}:1`, 'shared:2']);
    });

    it('keeps the global order gap-free (never skipped) under concurrent multi-stream writers', async () => {
      const writers = [store];
      if (h.openConcurrent) writers.push(await h.openConcurrent(), await h.openConcurrent());
      let reading = true;
      const seen: number[] = [];
      const reader = (async () => {
        let after = 0;
        while (reading || after < (await store.headPosition())) {
          const batch = await store.readAll({ after, maxCount: 100 });
          for (const e of batch) {
            if (h.densePositions === false) expect(e.metadata.globalPosition).toBeGreaterThan(after);
            else expect(e.metadata.globalPosition).toBe(after + 1);
            after = e.metadata.globalPosition;
            seen.push(after);
          }
          if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          writers[i % writers.length]!.appendMany(
            [
              { streamId: `m-${i % 7}`, events: events(1 + (i % 2)), expectedVersion: 'any' },
              { streamId: `n-${i % 5}`, events: events(1), expectedVersion: 'any' },
            ],
            { context: context() },
          ),
        ),
      );
      reading = false;
      await reader;
      for (const writer of writers.slice(1)) await writer.close();
      const all = await store.readAll({ after: 0, maxCount: 10_000 });
      expect(all).toHaveLength(40 * 2 + 20);
      expect(seen).toEqual(all.map((e) => e.metadata.globalPosition));
      if (h.densePositions !== false) expect(seen).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    });
  });
}
