import type { ConsumerOptions, MessageBus, TopicProjection } from '@rapport/platform-messaging';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadinessRegistry } from './readiness';
import { ServiceHost } from './service-host';

/** A broker that is not there: every call fails as a connection refusal would. */
const unreachableBus = (): MessageBus => {
  const refuse = (): Promise<never> => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9092'));
  return { publish: refuse, subscribe: (_options: ConsumerOptions) => refuse(), ensureTopics: refuse, close: async () => undefined };
};

const peopleCopy: TopicProjection = {
  name: 'test-directory-copy',
  version: 1,
  topics: ['rapport.directory.v1'],
  collections: [{ name: 'rm_test_people' }],
  apply: () => undefined,
};

describe('ServiceHost while the message bus is away', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-host-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('D1: a topic-fed copy is empty, not missing, before the bus is reached: reading it answers none instead of failing (no 500 at start-up)', async () => {
    const events = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const readModels = SqliteReadModelStore.open(join(dir, 'read-models.sqlite'));
    // With a relay, the host makes its own topics first — and that is what fails while the broker is away.
    const host = new ServiceHost(events, readModels, unreachableBus(), new ReadinessRegistry(), {
      service: 'test',
      relay: { topics: [{ name: 'rapport.test.v1' }], map: () => [] },
      topicProjections: [peopleCopy],
    });
    try {
      await host.onApplicationBootstrap();
      expect(await readModels.get('rm_test_people', 'rep-ana')).toBeUndefined();
      expect(await readModels.find('rm_test_people', {})).toEqual([]);
    } finally {
      await host.onModuleDestroy();
      await readModels.close();
      await events.close();
    }
  });
});
