import {
  ProjectionRunner,
  type EventStore,
  type Projection,
  type Document,
  type ReadModelStore,
  type WriteOp,
} from '@rapport/platform-eventsourcing';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { testActor } from './recorded-events';

export interface ReadModelHarness {
  /** A store over fresh, empty storage. */
  open(): Promise<ReadModelStore>;
  cleanup(): Promise<void>;
}

interface Person {
  id: string;
  name: string;
  city: string | null;
  age: number;
  vip: boolean;
}

const put = <T extends Document>(collection: string, doc: T): WriteOp => ({ kind: 'put', collection, doc });

const people: Person[] = [
  { id: 'p1', name: 'Ada Lovelace', city: 'London', age: 36, vip: true },
  { id: 'p2', name: 'Grace Hopper', city: 'New York', age: 85, vip: false },
  { id: 'p3', name: 'Alan Turing', city: 'London', age: 41, vip: false },
  { id: 'p4', name: 'Edsger Dijkstra', city: null, age: 72, vip: true },
];

/** Counts events per stream: enough to prove the runner's batching, checkpointing and rebuild. */
const counter: Projection = {
  name: 'stream-counter',
  version: 1,
  collections: [{ name: 'stream_counts', indexes: [['count']] }],
  async apply(event, view) {
    const current = await view.get<{ id: string; count: number }>('stream_counts', event.metadata.streamId);
    view.put('stream_counts', { id: event.metadata.streamId, count: (current?.count ?? 0) + 1 });
  },
};

/**
 * The definition of "a read-model adapter": the same queries give the same answers on every engine
 * (embedded SQLite, MongoDB/FerretDB), and the projection runner keeps its guarantees on each.
 */
export function readModelConformance(name: string, harness: () => ReadModelHarness): void {
  describe(`ReadModelStore conformance: ${name}`, () => {
    let h: ReadModelHarness;
    let store: ReadModelStore;
    const ids = (docs: readonly { id: string }[]): string[] => docs.map((d) => d.id);

    beforeEach(async () => {
      h = harness();
      store = await h.open();
      await store.ensureCollections([{ name: 'people', indexes: [['city', 'age']] }]);
      await store.commit('people-projection', people.map((doc) => put('people', doc)), {
        position: 4,
        version: 1,
      });
    });
    afterEach(async () => {
      await store.close();
      await h.cleanup();
    });

    it('gets a document by id, and undefined for a missing one', async () => {
      expect(await store.get('people', 'p2')).toEqual(people[1]);
      expect(await store.get('people', 'nobody')).toBeUndefined();
    });

    it('finds by equality, null, booleans, in, ranges and contains', async () => {
      expect(ids(await store.find('people', { where: { city: 'London' } }))).toEqual(['p1', 'p3']);
      expect(ids(await store.find('people', { where: { city: null } }))).toEqual(['p4']);
      expect(ids(await store.find('people', { where: { vip: true } }))).toEqual(['p1', 'p4']);
      expect(ids(await store.find('people', { where: { city: { in: ['New York', 'London'] } } }))).toEqual(['p1', 'p2', 'p3']);
      expect(ids(await store.find('people', { where: { age: { gte: 41, lt: 85 } } }))).toEqual(['p3', 'p4']);
      expect(ids(await store.find('people', { where: { name: { contains: 'TUR' } } }))).toEqual(['p3']);
      expect(ids(await store.find('people', { where: { city: 'London' }, anyOf: [{ age: { gt: 40 } }, { vip: true }] }))).toEqual(['p1', 'p3']);
    });

    it('orders, limits, offsets and counts', async () => {
      expect(ids(await store.find('people', { orderBy: [{ field: 'age', direction: 'desc' }] }))).toEqual(['p2', 'p4', 'p3', 'p1']);
      expect(ids(await store.find('people', { orderBy: [{ field: 'age' }], limit: 2, offset: 1 }))).toEqual(['p3', 'p4']);
      expect(await store.count('people', { where: { city: 'London' } })).toBe(2);
      expect(await store.count('people')).toBe(4);
    });

    it('commits puts, deletes and the checkpoint together, and skips a batch it already applied', async () => {
      await store.commit(
        'people-projection',
        [
          put('people', { ...people[0]!, age: 37 }),
          { kind: 'delete', collection: 'people', id: 'p2' },
        ],
        { position: 6, version: 1 },
      );
      expect(await store.checkpoint('people-projection')).toEqual({ position: 6, version: 1 });
      // A redelivered older batch (at-least-once) must not overwrite newer state.
      await store.commit('people-projection', [put('people', { ...people[0]!, age: 99 })], {
        position: 5,
        version: 1,
      });
      expect(await store.get<Person>('people', 'p1')).toMatchObject({ age: 37 });
      expect(await store.get('people', 'p2')).toBeUndefined();
      expect(await store.checkpoint('people-projection')).toEqual({ position: 6, version: 1 });
    });

    it('resets a projection to nothing for a rebuild', async () => {
      await store.reset('people-projection', [{ name: 'people' }]);
      expect(await store.count('people')).toBe(0);
      expect(await store.checkpoint('people-projection')).toBeUndefined();
    });

    describe('with the projection runner', () => {
      let events: EventStore;
      beforeEach(() => {
        events = SqliteEventStore.open(':memory:');
      });
      afterEach(async () => events.close());

      const appendMany = async (count: number): Promise<void> => {
        for (let i = 0; i < count; i++) {
          await events.append(`s-${i % 7}`, [{ eventId: `e-${Date.now()}-${i}-${Math.random()}`, type: 'test.ticked.v1', data: {} }], {
            expectedVersion: 'any',
            context: { recordedAt: new Date(0).toISOString(), actor: testActor, via: 'api', correlationId: 'c', causationId: 'c' },
          });
        }
      };

      it('applies every event once, from its checkpoint, and a rebuild from zero gives the same read model', async () => {
        await appendMany(100);
        const runner = new ProjectionRunner(events, store, counter, { batchSize: 16 });
        await runner.catchUp();
        const counts = await store.find<{ id: string; count: number }>('stream_counts', { orderBy: [{ field: 'id' }] });
        expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(100);
        expect(await store.checkpoint('stream-counter')).toEqual({ position: 100, version: 1 });

        // A restarted runner resumes from the checkpoint and applies only what is new.
        await appendMany(10);
        await new ProjectionRunner(events, store, counter, { batchSize: 16 }).catchUp();
        const after = await store.find<{ id: string; count: number }>('stream_counts', { orderBy: [{ field: 'id' }] });
        expect(after.reduce((sum, c) => sum + c.count, 0)).toBe(110);

        const rebuilt = new ProjectionRunner(events, store, counter, { batchSize: 64 });
        await rebuilt.rebuild();
        expect(await store.find('stream_counts', { orderBy: [{ field: 'id' }] })).toEqual(after);
      });

      it('follows live appends and tells when it has caught up', async () => {
        const runner = new ProjectionRunner(events, store, counter);
        await runner.start();
        await appendMany(5);
        const head = await events.headPosition();
        expect(await runner.waitFor(head, 5_000)).toBe(true);
        expect(await runner.isCaughtUp()).toBe(true);
        expect(await store.count('stream_counts')).toBe(5);
        await runner.stop();
      });

      it('rebuilds by itself when the projection version changes', async () => {
        await appendMany(3);
        await new ProjectionRunner(events, store, counter).catchUp();
        await store.commit('stream-counter', [put('stream_counts', { id: 'junk', count: 1 })], {
          position: 3,
          version: 0,
        });
        await new ProjectionRunner(events, store, counter).catchUp();
        expect(await store.get('stream_counts', 'junk')).toBeUndefined();
        expect(await store.count('stream_counts')).toBe(3);
      });
    });
  });
}
