import { SqliteReadModelStore } from '@rapport/platform-sqlite';
import { sleep } from '@rapport/platform-eventsourcing';
import { InProcessBus } from './in-process-bus';
import type { IntegrationEvent } from './message-bus';
import { TopicProjectionRunner, type TopicProjection } from './topic-projection';

const event = (n: number): IntegrationEvent => ({
  specversion: '1.0',
  id: `0194b7a2-1c3e-7000-8000-${String(n).padStart(12, '0')}`,
  source: '/rapport/directory',
  type: 'rapport.directory.person-registered.v1',
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { n },
});

describe('OPS-4: processed-event markers of topic consumers are swept after the retention window', () => {
  it('deletes markers older than the window, keeps younger ones and other projections\' markers', async () => {
    const bus = InProcessBus.open(':memory:');
    const store = SqliteReadModelStore.open(':memory:');
    let now = new Date('2026-03-01T00:00:00.000Z');
    const applied: number[] = [];
    const projection = (name: string): TopicProjection => ({
      name,
      version: 1,
      topics: ['rapport.directory.v1'],
      collections: [],
      apply: (e) => void (name === 'copy' && applied.push((e.data as { n: number }).n)),
    });
    const runner = new TopicProjectionRunner(bus, store, projection('copy'), { now: () => now, markerRetentionMs: 7 * 86_400_000 });
    const other = new TopicProjectionRunner(bus, store, projection('other'), { now: () => now });
    const markers = async (prefix: string) => (await store.find<{ id: string }>('processed_events')).filter((m) => m.id.startsWith(prefix)).length;
    try {
      await runner.start();
      await other.start();
      await bus.publish([1, 2].map((n) => ({ topic: 'rapport.directory.v1', key: 'p', event: event(n) })));
      while ((await markers('copy:')) < 2 || (await markers('other:')) < 2) await sleep(10);
      now = new Date('2026-03-06T00:00:00.000Z');
      await bus.publish([{ topic: 'rapport.directory.v1', key: 'p', event: event(3) }]);
      while ((await markers('copy:')) < 3 || (await markers('other:')) < 3) await sleep(10);

      now = new Date('2026-03-09T00:00:00.000Z'); // 8 days after the first two, 3 after the third
      expect(await runner.sweepMarkers()).toBe(2);
      expect(await runner.sweepMarkers()).toBe(0);
      expect(await markers('copy:')).toBe(1);
      expect(await markers('other:')).toBe(3);

      // Inside the window a re-published event is still recognised; the swept ones are not (hence the window).
      await bus.publish([{ topic: 'rapport.directory.v1', key: 'p', event: event(3) }]);
      await bus.publish([{ topic: 'rapport.directory.v1', key: 'p', event: event(4) }]);
      while (!applied.includes(4)) await sleep(10);
      expect(applied).toEqual([1, 2, 3, 4]);
    } finally {
      await runner.stop();
      await other.stop();
      await bus.close();
      await store.close();
    }
  });
});
