import { InProcessBus, type IntegrationEvent } from '@rapport/platform-messaging';
import { metricsRegistry } from '@rapport/platform-observability';
import { sleep } from '@rapport/platform-eventsourcing';
import { consumerLags, reportConsumerLag } from './consumer-lag';

const event = (n: number): IntegrationEvent => ({
  specversion: '1.0',
  id: `0194b7a2-1c3e-7000-8000-${String(n).padStart(12, '0')}`,
  source: '/rapport/customers',
  type: 'rapport.customers.customer-registered.v1',
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { n },
});

describe('OPS-4: consumer lag in /metrics (in-process bus)', () => {
  it('reports each group and partition, a group that has not committed yet included', async () => {
    const bus = InProcessBus.open(':memory:');
    const remove = reportConsumerLag(() => Promise.resolve(bus));
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    try {
      await bus.publish([1, 2, 3].map((n) => ({ topic: 'rapport.customers.v1', key: 'c-1', event: event(n) })));
      let handled = 0;
      await bus.subscribe({ groupId: 'caught-up', topics: ['rapport.customers.v1'], handle: async () => void handled++ });
      // A group whose first message is still being handled has committed nothing.
      await bus.subscribe({ groupId: 'stuck', topics: ['rapport.customers.v1'], handle: () => stuck });
      // The test's own timeout bounds the wait (the nest lib may not import the testing lib's `until`).
      while (!(handled === 3 && (await consumerLags()).some((p) => p.groupId === 'caught-up' && p.lag === 0))) await sleep(10);

      expect(await consumerLags()).toEqual([
        { groupId: 'caught-up', topic: 'rapport.customers.v1', partition: 0, committed: 3, end: 3, lag: 0 },
        { groupId: 'stuck', topic: 'rapport.customers.v1', partition: 0, committed: null, end: 3, lag: 3 },
      ]);
      const text = await metricsRegistry.metrics();
      expect(text).toContain('rapport_consumer_lag{group="caught-up",topic="rapport.customers.v1",partition="0",committed="yes"} 0');
      expect(text).toContain('rapport_consumer_lag{group="stuck",topic="rapport.customers.v1",partition="0",committed="none"} 3');
    } finally {
      remove();
      release();
      await bus.close();
    }
  });
});
