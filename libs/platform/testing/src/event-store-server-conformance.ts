import {
  ConcurrencyError,
  EventIdConflictError,
  EventStoreUnavailableError,
  type EventStore,
  type NewEvent,
} from '@rapport/platform-eventsourcing';
import type { EventStoreHarness } from './event-store-conformance';
import { conformanceContext as context, conformanceEvents as events } from './multi-stream-append-conformance';
import { until } from './until';

/**
 * What a server engine exercises and an in-process one barely does: several clients of one store, ids
 * checked on every event, wake-ups that do not depend on polling, and dropped connections. Part of the
 * event-store conformance; a harness without `openConcurrent` / `openWithoutPolling` / `dropConnections`
 * runs the parts it can.
 */
export function serverConformance(name: string, harness: () => EventStoreHarness): void {
  describe(`EventStore conformance: ${name}: several clients, wake-ups, reconnects`, () => {
    let h: EventStoreHarness;
    let store: EventStore;
    const others: EventStore[] = [];
    const another = async (open?: () => Promise<EventStore>): Promise<EventStore> => {
      const opened = open ? await open() : store;
      if (opened !== store) others.push(opened);
      return opened;
    };

    beforeEach(async () => {
      h = harness();
      store = await h.open();
    });
    afterEach(async () => {
      await Promise.all(others.splice(0).map((o) => o.close()));
      await store.close();
      await h.cleanup();
    });

    it('two store instances racing on one stream with one expected version: one wins, the other gets ConcurrencyError', async () => {
      const other = await another(h.openConcurrent?.bind(h));
      await store.append('contended', events(1), { expectedVersion: 'no_stream', context: context() });
      for (let round = 1; round <= 5; round++) {
        const results = await Promise.allSettled(
          [store, other].map((s) => s.append('contended', events(1), { expectedVersion: round, context: context() })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
        expect(lost.reason).toBeInstanceOf(ConcurrencyError);
      }
      expect((await other.readStream('contended')).map((e) => e.metadata.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('checks every event id of an append, not only the first, also against what another instance wrote', async () => {
      const other = await another(h.openConcurrent?.bind(h));
      const taken = events(2);
      await other.append('first-owner', taken, { expectedVersion: 'any', context: context() });
      const later: NewEvent[] = [...events(2), taken[1]!];
      await expect(store.append('second', later, { expectedVersion: 'any', context: context() })).rejects.toMatchObject({
        name: 'EventIdConflictError',
        eventId: taken[1]!.eventId,
      });
      // Part of a stored append retried with new events after it: a conflict, never a silent partial duplicate.
      await expect(store.append('first-owner', [taken[0]!, ...events(1)], { expectedVersion: 'any', context: context() })).rejects.toBeInstanceOf(
        EventIdConflictError,
      );
      expect(await store.readStream('second')).toEqual([]);
      expect(await store.readStream('first-owner')).toHaveLength(2);
    });

    it('wakes a live subscriber of another instance whose polling is off', async () => {
      if (!h.openWithoutPolling) return;
      const reader = await another(h.openWithoutPolling.bind(h));
      const after = await store.headPosition();
      const seen: string[] = [];
      const unsubscribe = reader.subscribeToAll({ after, onEvents: async (batch) => void seen.push(...batch.map((e) => e.metadata.eventId)) });
      // The subscription's own first read and wake-up channel come up asynchronously: keep writing until one is seen.
      const written: string[] = [];
      await until(
        async () => {
          const batch = events(1);
          written.push(batch[0]!.eventId);
          await store.append('wake-up', batch, { expectedVersion: 'any', context: context() });
          return seen.length > 0;
        },
        10_000,
        'a wake-up of the subscriber',
      );
      await until(() => seen.length === written.length, 10_000, 'every written event');
      await unsubscribe();
      expect(seen).toEqual(written);
    });

    it('keeps appending, reading and following after the server dropped every connection', async () => {
      if (!h.dropConnections || !h.openWithoutPolling) return;
      const reader = await another(h.openWithoutPolling.bind(h));
      const seen: string[] = [];
      const unsubscribe = reader.subscribeToAll({ after: 0, onEvents: async (batch) => void seen.push(...batch.map((e) => e.metadata.eventId)) });
      // The subscriber's wake-up channel comes up asynchronously: write until it has woken once.
      const written: string[] = [];
      await until(
        async () => {
          const batch = events(1);
          written.push(batch[0]!.eventId);
          await store.append('before-drop', batch, { expectedVersion: 'any', context: context() });
          return seen.length > 0;
        },
        10_000,
        'a first wake-up',
      );
      await until(() => seen.length === written.length, 10_000, 'every event before the drop');
      const before = written.length;

      await h.dropConnections();
      // A call caught mid-drop may fail, but only as "unavailable" (retry with the same ids), never raw.
      const appendAfterDrop = async (): Promise<string> => {
        const batch = events(1);
        for (;;) {
          try {
            await store.append('after-drop', batch, { expectedVersion: 'any', context: context() });
            return batch[0]!.eventId;
          } catch (error) {
            if (!(error instanceof EventStoreUnavailableError)) throw error;
          }
        }
      };
      await until(
        async () => {
          written.push(await appendAfterDrop());
          return seen.length > before;
        },
        15_000,
        'a wake-up after the drop',
      );
      await until(() => seen.length === written.length, 15_000, 'every event written after the drop');
      await unsubscribe();
      expect(seen).toEqual(written);
      expect((await store.readStream('after-drop')).map((e) => e.metadata.eventId)).toEqual(written.slice(before));
    });
  });
}
