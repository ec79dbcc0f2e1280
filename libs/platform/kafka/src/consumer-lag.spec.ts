import type { IntegrationEvent } from '@rapport/platform-messaging';
import { KafkaBus } from './kafka-bus';
import { describeWithBroker, testConfig, uniqueTopic, until } from './testing/test-broker';

const event = (n: number): IntegrationEvent<{ n: number }> => ({
  specversion: '1.0',
  id: `0194b7a2-1c3e-7000-8000-${String(n).padStart(12, '0')}`,
  source: '/rapport/customers',
  type: 'rapport.customers.customer-registered.v1',
  subject: 'customer-1',
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { n },
});

describeWithBroker('OPS-4: consumer lag per group and partition from the broker', () => {
  jest.setTimeout(60_000);

  it('lists every partition of the group, the ones it never committed on included', async () => {
    const bus = new KafkaBus(testConfig());
    try {
      const topic = uniqueTopic('lag');
      const groupId = `lag-${topic}`;
      await bus.ensureTopics([{ name: topic, partitions: 3 }]);
      // One key: every record lands on one partition; the group never commits on the other two.
      await bus.publish([1, 2, 3].map((n) => ({ topic, key: 'customer-1', event: event(n) })));
      let handled = 0;
      const consumer = await bus.subscribe({ groupId, topics: [topic], handle: async () => void handled++ });
      await until(async () => handled === 3 && (await bus.consumerLag()).some((p) => p.committed === 3), 30_000, 'three handled and committed');
      await consumer.stop();
      await bus.publish([4, 5].map((n) => ({ topic, key: 'customer-1', event: event(n) })));

      const lags = (await bus.consumerLag()).filter((p) => p.topic === topic);
      expect(lags.map((p) => p.partition).sort()).toEqual([0, 1, 2]);
      expect(lags.filter((p) => p.committed === null)).toEqual([
        expect.objectContaining({ groupId, committed: null, end: 0, lag: 0 }),
        expect.objectContaining({ groupId, committed: null, end: 0, lag: 0 }),
      ]);
      expect(lags.find((p) => p.committed !== null)).toEqual(expect.objectContaining({ groupId, committed: 3, end: 5, lag: 2 }));
    } finally {
      await bus.close();
    }
  });
});
