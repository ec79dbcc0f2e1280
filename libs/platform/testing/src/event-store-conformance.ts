import {
  ConcurrencyError,
  uuidv7,
  type AppendContext,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@rapport/platform-eventsourcing';
import { multiStreamAppendConformance } from './multi-stream-append-conformance';
import { serverConformance } from './event-store-server-conformance';
import { testActor } from './recorded-events';
import { until } from './until';

export interface EventStoreHarness {
  /** A store over fresh, empty storage. */
  open(): Promise<EventStore>;
  /** Another store over the same storage, as after a process restart (the old one is closed first). */
  reopen(): Promise<EventStore>;
  /** A second, concurrent client of the same storage (another process), when the engine supports one. */
  openConcurrent?(): Promise<EventStore>;
  /** Like `openConcurrent`, with its polling fallback effectively off: only the engine's wake-ups can move it. */
  openWithoutPolling?(): Promise<EventStore>;
  /** Drops every server-side connection of the stores this harness opened (a server restart, a failover). */
  dropConnections?(): Promise<void>;
  /** False where positions are commit positions with gaps (KurrentDB): then only "increasing, none skipped" is checked. */
  readonly densePositions?: boolean;
  cleanup(): Promise<void>;
}

const context = (overrides: Partial<AppendContext> = {}): AppendContext => ({
  recordedAt: '2026-03-03T10:00:00.000Z',
  actor: testActor,
  via: 'api',
  correlationId: 'correlation-1',
  causationId: 'cause-1',
  ...overrides,
});

const events = (count: number, type = 'test.something-happened.v1'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ eventId: uuidv7(), type, data: { n: i, text: `payload ${i}` } }));

/**
 * The definition of "an event store adapter": every adapter (SQLite, PostgreSQL, KurrentDB) runs this
 * suite against its real engine. Call it inside a test file with a harness for the engine.
 */
export function eventStoreConformance(name: string, harness: () => EventStoreHarness): void {
  multiStreamAppendConformance(name, harness);
  serverConformance(name, harness);
  describe(`EventStore conformance: ${name}`, () => {
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

    it('appends to a new stream and reads it back with versions, positions and metadata', async () => {
      const result = await store.append('order-1', events(3), {
        expectedVersion: 'no_stream',
        context: context({ reason: 'because', commandId: 'cmd-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }),
      });
      expect(result).toMatchObject({ streamVersion: 3, duplicate: false });
      if (h.densePositions === false) expect(result.lastPosition).toBeGreaterThan(result.firstPosition);
      else expect(result.lastPosition - result.firstPosition).toBe(2);
      const read = await store.readStream('order-1');
      expect(read.map((e) => e.metadata.streamVersion)).toEqual([1, 2, 3]);
      expect(read.map((e) => e.data)).toEqual([0, 1, 2].map((n) => ({ n, text: `payload ${n}` })));
      expect(read[0]!.metadata).toMatchObject({
        streamId: 'order-1',
        actor: testActor,
        reason: 'because',
        via: 'api',
        correlationId: 'correlation-1',
        causationId: 'cause-1',
        commandId: 'cmd-1',
        recordedAt: '2026-03-03T10:00:00.000Z',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        globalPosition: result.firstPosition,
      });
      expect(await store.headPosition()).toBe(result.lastPosition);
    });

    it('reads a missing stream as empty', async () => {
      expect(await store.readStream('nobody-here')).toEqual([]);
    });

    it('reads a stream backwards, from a version, and a limited count', async () => {
      await store.append('s-1', events(5), { expectedVersion: 'any', context: context() });
      const back = await store.readStream('s-1', { direction: 'backwards', maxCount: 2 });
      expect(back.map((e) => e.metadata.streamVersion)).toEqual([5, 4]);
      const from = await store.readStream('s-1', { fromVersion: 3 });
      expect(from.map((e) => e.metadata.streamVersion)).toEqual([3, 4, 5]);
      const backFrom = await store.readStream('s-1', { direction: 'backwards', fromVersion: 2 });
      expect(backFrom.map((e) => e.metadata.streamVersion)).toEqual([2, 1]);
    });

    it('refuses an append whose expected version does not hold, with a typed error', async () => {
      await store.append('s-1', events(2), { expectedVersion: 'no_stream', context: context() });
      await expect(store.append('s-1', events(1), { expectedVersion: 'no_stream', context: context() })).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(store.append('s-1', events(1), { expectedVersion: 1, context: context() })).rejects.toMatchObject({
        name: 'ConcurrencyError',
        streamId: 's-1',
        expected: 1,
        actual: 2,
      });
      await expect(store.append('s-2', events(1), { expectedVersion: 'stream_exists', context: context() })).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(store.append('s-1', events(1), { expectedVersion: 2, context: context() })).resolves.toMatchObject({ streamVersion: 3 });
      await expect(store.append('s-1', events(1), { expectedVersion: 'stream_exists', context: context() })).resolves.toMatchObject({
        streamVersion: 4,
      });
      expect(await store.readStream('s-1')).toHaveLength(4);
    });

    it('lets exactly one of many concurrent appends with the same expected version win', async () => {
      await store.append('race', events(1), { expectedVersion: 'no_stream', context: context() });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => store.append('race', events(1), { expectedVersion: 1, context: context() })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(9);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream('race')).toHaveLength(2);
    });

    it('does not duplicate an append retried with the same command id, also after a restart', async () => {
      const batch = events(2);
      const first = await store.append('s-1', batch, { expectedVersion: 'no_stream', context: context({ commandId: 'cmd-42' }) });
      const again = await store.append('s-1', events(2), { expectedVersion: 'no_stream', context: context({ commandId: 'cmd-42' }) });
      expect(again).toEqual({ ...first, duplicate: true });
      expect(await store.findCommand('cmd-42')).toMatchObject({ streamId: 's-1', firstPosition: first.firstPosition });

      store = await h.reopen();
      const afterRestart = await store.append('s-1', batch, { expectedVersion: 'no_stream', context: context({ commandId: 'cmd-42' }) });
      expect(afterRestart).toEqual({ ...first, duplicate: true });
      expect(await store.readStream('s-1')).toHaveLength(2);
      expect(await store.headPosition()).toBe(first.lastPosition);
    });

    it('does not duplicate an append retried with the same event ids, also after a restart', async () => {
      const batch = events(3);
      const first = await store.append('s-1', batch, { expectedVersion: 'any', context: context() });
      await expect(store.append('s-1', batch, { expectedVersion: 'any', context: context() })).resolves.toEqual({ ...first, duplicate: true });
      store = await h.reopen();
      await expect(store.append('s-1', batch, { expectedVersion: 'any', context: context() })).resolves.toEqual({ ...first, duplicate: true });
      expect(await store.readStream('s-1')).toHaveLength(3);
    });

    it('assigns gap-free, strictly increasing global positions to concurrent writers', async () => {
      const writers = [store];
      if (h.openConcurrent) writers.push(await h.openConcurrent(), await h.openConcurrent());
      const seen: number[] = [];
      let reading = true;
      // A concurrent reader must never observe a gap that a later commit fills.
      const reader = (async () => {
        let after = 0;
        while (reading || after < (await store.headPosition())) {
          const batch = await store.readAll({ after, maxCount: 100 });
          for (const event of batch) {
            if (h.densePositions === false) expect(event.metadata.globalPosition).toBeGreaterThan(after);
            else expect(event.metadata.globalPosition).toBe(after + 1);
            after = event.metadata.globalPosition;
            seen.push(after);
          }
          if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          writers[i % writers.length]!.append(`stream-${i % 12}`, events(1 + (i % 3)), { expectedVersion: 'any', context: context() }),
        ),
      );
      reading = false;
      await reader;
      for (const writer of writers.slice(1)) await writer.close();
      const all = await store.readAll({ after: 0, maxCount: 10_000 });
      const total = Array.from({ length: 60 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
      expect(seen).toEqual(all.map((e) => e.metadata.globalPosition));
      expect(all).toHaveLength(total);
      if (h.densePositions !== false) expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    });

    it('reads all from a position with a limit and a stream-prefix filter', async () => {
      await store.append('customer-1', events(2), { expectedVersion: 'any', context: context() });
      await store.append('complaint-1', events(2), { expectedVersion: 'any', context: context() });
      await store.append('customer-2', events(1), { expectedVersion: 'any', context: context() });
      const positions = (await store.readAll({ after: 0, maxCount: 100 })).map((e) => e.metadata.globalPosition);
      const page = await store.readAll({ after: positions[0]!, maxCount: 2 });
      expect(page.map((e) => e.metadata.globalPosition)).toEqual(positions.slice(1, 3));
      const customers = await store.readAll({ after: 0, maxCount: 100, streamPrefixes: ['customer-'] });
      expect(customers.map((e) => e.metadata.streamId)).toEqual(['customer-1', 'customer-1', 'customer-2']);
    });

    it('subscribes to all: catches up, then follows live appends, with no loss and no duplicate at the hand-over', async () => {
      await store.append('s-1', events(50), { expectedVersion: 'any', context: context() });
      const received: RecordedEvent[] = [];
      const unsubscribe = store.subscribeToAll({
        after: 0,
        batchSize: 7,
        onEvents: async (batch) => {
          received.push(...batch);
          // Appends land while the subscriber is still catching up.
          if (received.length < 60) await store.append('s-2', events(1), { expectedVersion: 'any', context: context() });
        },
      });
      await until(() => received.length >= 50, 5_000);
      await store.append('s-3', events(20), { expectedVersion: 'any', context: context() });
      // Past 60 received the handler appends no more, so the head stops moving (async stores may still be appending).
      await until(() => received.length >= 60, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const head = await store.headPosition();
      await until(() => (received.at(-1)?.metadata.globalPosition ?? 0) >= head, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await unsubscribe();
      const stored = (await store.readAll({ after: 0, maxCount: 1_000 })).map((e) => e.metadata.globalPosition);
      expect(received.map((e) => e.metadata.globalPosition)).toEqual(stored);
    });

    it('subscribes to one stream from a version', async () => {
      await store.append('s-1', events(3), { expectedVersion: 'any', context: context() });
      await store.append('other', events(3), { expectedVersion: 'any', context: context() });
      const versions: number[] = [];
      const unsubscribe = store.subscribeToStream('s-1', { after: 1, onEvents: async (batch) => void versions.push(...batch.map((e) => e.metadata.streamVersion)) });
      await until(() => versions.length === 2, 5_000);
      await store.append('s-1', events(2), { expectedVersion: 'any', context: context() });
      await until(() => versions.length === 4, 5_000);
      await unsubscribe();
      expect(versions).toEqual([2, 3, 4, 5]);
    });

    it('redelivers what a subscriber did not checkpoint before it crashed: at-least-once, nothing lost', async () => {
      await store.append('s-1', events(30), { expectedVersion: 'any', context: context() });
      let checkpoint = 0;
      const handled: number[] = [];
      const crashing = store.subscribeToAll({
        after: checkpoint,
        batchSize: 10,
        onEvents: async (batch) => {
          handled.push(...batch.map((e) => e.metadata.globalPosition));
          // The handler's effect is done, but the process dies before the checkpoint of the 2nd batch is saved.
          if (handled.length === 20) throw new Error('crash before checkpoint');
          checkpoint = batch[batch.length - 1]!.metadata.globalPosition;
        },
        onError: () => undefined,
      });
      await until(() => handled.length >= 20, 5_000);
      await crashing();
      store = await h.reopen();
      const redelivered: number[] = [];
      const resumed = store.subscribeToAll({ after: checkpoint, onEvents: async (batch) => void redelivered.push(...batch.map((e) => e.metadata.globalPosition)) });
      await until(() => redelivered.length >= 20, 5_000);
      await resumed();
      const stored = (await store.readAll({ after: 0, maxCount: 100 })).map((e) => e.metadata.globalPosition);
      expect(checkpoint).toBe(stored[9]);
      expect(redelivered).toEqual(stored.slice(10));
    });
  });
}
