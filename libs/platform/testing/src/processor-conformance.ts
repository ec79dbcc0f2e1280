import { reactor, uuidv7, type AppendContext, type EventStore, type NewEvent, type PlatformLogger } from '@rapport/platform-eventsourcing';
import type { EventStoreHarness } from './event-store-conformance';
import { MemoryCheckpoints } from './memory-checkpoints';
import { testActor } from './recorded-events';
import { until } from './until';

const RECORDED_AT = '2026-03-03T10:00:00.000Z';
const context: AppendContext = { recordedAt: RECORDED_AT, actor: testActor, via: 'api', correlationId: 'c-1', causationId: 'c-1' };
const events = (count: number, type = 'test.a.v1'): NewEvent[] => Array.from({ length: count }, (_, i) => ({ eventId: uuidv7(), type, data: { n: i } }));
const quiet: PlatformLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The processor on a real adapter: catch-up then live, filters, a kill between effects and checkpoint, and
 * lag. Projector and reactor are both this processor, so what holds here holds for projections, the outbox
 * relay and workflow reactors. Positions are compared with what the store reads back, never assumed dense.
 */
export function processorConformance(name: string, harness: () => EventStoreHarness): void {
  describe(`Processor conformance: ${name}`, () => {
    let h: EventStoreHarness;
    let store: EventStore;
    let checkpoints: MemoryCheckpoints;
    const ids = async (): Promise<string[]> => (await store.readAll({ after: 0, maxCount: 10_000 })).map((e) => e.metadata.eventId);

    beforeEach(async () => {
      h = harness();
      store = await h.open();
      checkpoints = new MemoryCheckpoints();
    });
    afterEach(async () => {
      await store.close();
      await h.cleanup();
    });

    it('catches up, then follows live appends: every event once, in global order', async () => {
      await store.append('s-1', events(30), { expectedVersion: 'any', context });
      const handled: string[] = [];
      const processor = reactor(store, checkpoints, { name: 'catch-up', batchSize: 7, logger: quiet, eachEvent: async (e) => void handled.push(e.metadata.eventId) });
      await processor.start();
      await until(() => handled.length >= 30, 10_000, 'catch-up');
      await store.append('s-2', events(20), { expectedVersion: 'any', context });
      await until(() => handled.length >= 50, 10_000, 'live events');
      await until(() => processor.isCaughtUp(), 10_000, 'caught up');
      await processor.stop();
      expect(handled).toEqual(await ids());
      expect(processor.checkpoint).toBe(await store.headPosition());
      expect((await checkpoints.checkpoint('catch-up'))?.position).toBe(processor.checkpoint);
    });

    it('hands over only the event types and stream prefixes asked for, and still counts as caught up', async () => {
      await store.append('order-1', events(2, 'test.a.v1'), { expectedVersion: 'any', context });
      await store.append('order-1', events(2, 'test.b.v1'), { expectedVersion: 'any', context });
      await store.append('invoice-1', events(3, 'test.a.v1'), { expectedVersion: 'any', context });
      const handled: { stream: string; type: string }[] = [];
      const processor = reactor(store, checkpoints, {
        name: 'filtered',
        eventTypes: ['test.a.v1'],
        streamPrefixes: ['order-', 'refund-'],
        logger: quiet,
        eachEvent: async (e) => void handled.push({ stream: e.metadata.streamId, type: e.type }),
      });
      await processor.start();
      await store.append('refund-7', events(1, 'test.a.v1'), { expectedVersion: 'any', context });
      await store.append('order-2', events(1, 'test.b.v1'), { expectedVersion: 'any', context });
      // The store's head is now another stream's event, which this processor never receives.
      await store.append('invoice-2', events(2, 'test.a.v1'), { expectedVersion: 'any', context });
      await until(() => handled.length >= 3, 10_000, 'filtered events');
      await until(() => processor.isCaughtUp(), 10_000, 'caught up');
      await processor.stop();
      expect(handled).toEqual([
        { stream: 'order-1', type: 'test.a.v1' },
        { stream: 'order-1', type: 'test.a.v1' },
        { stream: 'refund-7', type: 'test.a.v1' },
      ]);
      expect(await processor.lag()).toMatchObject({ eventsBehind: 0, secondsBehind: 0, caughtUp: true });
    });

    it('killed between handling and checkpoint: a new instance resumes, loses nothing, and an idempotent handler absorbs the repeats', async () => {
      await store.append('s-1', events(30), { expectedVersion: 'any', context });
      const effects = new Set<string>();
      let deliveries = 0;
      const handler = async (eventId: string): Promise<void> => {
        deliveries++;
        effects.add(eventId); // idempotent: keyed by event id
      };
      const dying = reactor(store, checkpoints, { name: 'kill', batchSize: 10, logger: quiet, retry: { initialDelayMs: 5 }, eachEvent: (e) => handler(e.metadata.eventId) });
      await dying.catchUp().catch(() => undefined); // first batch of 10 committed, then...
      checkpoints.failNextCommit(Number.MAX_SAFE_INTEGER); // ...the process dies before any further checkpoint
      await store.append('s-1', events(5), { expectedVersion: 'any', context });
      await dying.start();
      await until(() => deliveries >= 35, 10_000, 'handled without checkpoint');
      await dying.stop();
      const stored = (await checkpoints.checkpoint('kill'))?.position;
      const all = await store.readAll({ after: 0, maxCount: 1_000 });
      expect(stored).toBe(all[29]!.metadata.globalPosition);

      checkpoints.failNextCommit(0);
      store = await h.reopen();
      const resumed = reactor(store, checkpoints, { name: 'kill', batchSize: 10, logger: quiet, eachEvent: (e) => handler(e.metadata.eventId) });
      await resumed.start();
      await until(() => resumed.isCaughtUp(), 10_000, 'resumed and caught up');
      await resumed.stop();
      expect([...effects].sort()).toEqual((await ids()).sort());
      expect(deliveries).toBeGreaterThan(effects.size); // the 5 after the checkpoint came twice
    });

    it('stopped and started again, it resumes after what it handled: nothing twice, nothing lost', async () => {
      await store.append('s-1', events(5), { expectedVersion: 'any', context });
      const handled: string[] = [];
      const processor = reactor(store, checkpoints, { name: 'stop-start', logger: quiet, eachEvent: async (e) => void handled.push(e.metadata.eventId) });
      await processor.start();
      await until(() => handled.length >= 5, 10_000, 'first run');
      await processor.stop();
      await store.append('s-1', events(3), { expectedVersion: 'any', context });
      expect(handled).toHaveLength(5); // stopped: nothing is delivered
      await processor.start();
      await until(() => processor.isCaughtUp(), 10_000, 'second run caught up');
      await processor.stop();
      expect(handled).toEqual(await ids());
    });

    it('reports lag as numbers: events and seconds behind, then 0 once caught up', async () => {
      await store.append('s-1', events(10), { expectedVersion: 'any', context });
      const head = await store.headPosition();
      const processor = reactor(store, checkpoints, {
        name: 'lag',
        logger: quiet,
        now: () => new Date(Date.parse(RECORDED_AT) + 90_000),
        eachEvent: async () => undefined,
      });
      expect(await processor.lag()).toEqual({ position: 0, head, eventsBehind: head, secondsBehind: 90, caughtUp: false });
      await processor.catchUp();
      expect(await processor.lag()).toEqual({ position: head, head, eventsBehind: 0, secondsBehind: 0, caughtUp: true });
      await processor.start();
      const { lastPosition } = await store.append('s-1', events(1), { expectedVersion: 'any', context });
      expect(await processor.waitFor(lastPosition, 10_000)).toBe(true);
      expect(await processor.lag()).toMatchObject({ position: lastPosition, eventsBehind: 0, caughtUp: true });
      await processor.stop();
    });

    it('retries a failing handler with backoff, logging each failure (a warning until it persists), and never skips the event', async () => {
      await store.append('s-1', events(3), { expectedVersion: 'any', context });
      const errors: string[] = [];
      const warnings: string[] = [];
      let failures = 2;
      const handled: string[] = [];
      const processor = reactor(store, checkpoints, {
        name: 'retry',
        retry: { initialDelayMs: 5, maxDelayMs: 20 },
        logger: { ...quiet, warn: (message) => void warnings.push(message), error: (message) => void errors.push(message) },
        eachEvent: async (e) => {
          if (failures > 0 && e.data && (e.data as { n: number }).n === 1) {
            failures--;
            throw new Error('downstream unavailable');
          }
          handled.push(e.metadata.eventId);
        },
      });
      await processor.start();
      await until(() => processor.isCaughtUp(), 10_000, 'caught up after retries');
      await processor.stop();
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain('downstream unavailable');
      expect(errors).toEqual([]);
      expect(new Set(handled)).toEqual(new Set(await ids()));
    });
  });
}
