import { deadLetterTopic, type IncomingMessage, type IntegrationEvent } from '@rapport/platform-messaging';
import { Partitioners } from 'kafkajs';
import { KafkaBus } from './kafka-bus';
import { kafkaClient } from './kafka-client';
import { describeWithBroker, testConfig, uniqueTopic, until } from './testing/test-broker';
import { readTopicRaw } from './topic-reader';

const event = (n: number, customerId: string): IntegrationEvent<{ customerId: string; n: number }> => ({
  specversion: '1.0',
  id: `0194b7a2-1c3e-7000-8000-${String(n).padStart(12, '0')}`,
  source: '/rapport/customers',
  type: 'rapport.customers.customer-registered.v1',
  subject: customerId,
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { customerId, n },
  correlationid: 'corr-1',
  actorid: 'rep-ana',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  tracestate: 'rapport=1',
});

describeWithBroker('KafkaBus on the real broker', () => {
  jest.setTimeout(60_000);
  let bus: KafkaBus;
  beforeEach(() => {
    bus = new KafkaBus(testConfig());
  });
  afterEach(() => bus.close());

  it('publishes CloudEvents in binary mode: ce_ headers, content-type, W3C trace context, key = customer id, value = data', async () => {
    const topic = uniqueTopic('wire');
    await bus.ensureTopics([{ name: topic, partitions: 3 }]);
    await bus.publish([{ topic, key: 'customer-42', event: event(1, 'customer-42') }]);

    const [record, ...rest] = await readTopicRaw(testConfig(), topic);
    expect(rest).toEqual([]);
    expect(record!.key).toBe('customer-42');
    expect(JSON.parse(record!.value!.toString('utf8'))).toEqual({ customerId: 'customer-42', n: 1 });
    expect(record!.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: '0194b7a2-1c3e-7000-8000-000000000001',
      ce_source: '/rapport/customers',
      ce_type: 'rapport.customers.customer-registered.v1',
      ce_subject: 'customer-42',
      ce_time: '2026-03-03T10:00:00.000Z',
      ce_correlationid: 'corr-1',
      ce_actorid: 'rep-ana',
      'content-type': 'application/json',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'rapport=1',
    });
  });

  it("puts a key on the partition Java's (and kafkajs') default partitioner picks, so every client agrees", async () => {
    const topic = uniqueTopic('keys');
    await bus.ensureTopics([{ name: topic, partitions: 6 }]);
    const keys = Array.from({ length: 40 }, (_, n) => `0194b7a2-1c3e-7000-8000-${String(n * 7919).padStart(12, '0')}`);
    await bus.publish(keys.map((key, n) => ({ topic, key, event: event(n, key) })));

    const javaPartition = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
    const records = await readTopicRaw(testConfig(), topic);
    expect(records).toHaveLength(40);
    for (const record of records) expect(record.partition).toBe(javaPartition({ topic, partitionMetadata, message: { key: record.key!, value: null } }));
  });

  it('creates each topic with its partitions and replication factor, and its dead-letter topic; twice is harmless', async () => {
    const topic = uniqueTopic('ensure');
    await bus.ensureTopics([{ name: topic, partitions: 4, replicationFactor: 1 }]);
    await bus.ensureTopics([{ name: topic, partitions: 4, replicationFactor: 1 }]);

    const admin = new (kafkaClient().Admin)({ clientId: 'spec', bootstrapBrokers: [...testConfig().brokers] });
    try {
      const metadata = await admin.metadata({ topics: [topic, deadLetterTopic(topic)] });
      expect(metadata.topics.get(topic)!.partitionsCount).toBe(4);
      expect(metadata.topics.get(deadLetterTopic(topic))!.partitionsCount).toBe(4);
      expect(metadata.topics.get(topic)!.partitions.every((p) => p.replicas.length === 1)).toBe(true);
    } finally {
      await admin.close();
    }
  });

  it('keeps a member whose handler runs longer than the session timeout: no rebalance, handled once, committed', async () => {
    const topic = uniqueTopic('slow');
    const groupId = `slow-${Date.now()}`;
    const sessionTimeoutMs = 6_000; // the broker's group.min.session.timeout.ms
    const slow = new KafkaBus(testConfig({ consumer: { sessionTimeoutMs, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 10_000 } }));
    try {
      await slow.ensureTopics([{ name: topic, partitions: 1 }]);
      const handled: IncomingMessage[] = [];
      const consumer = await slow.subscribe({
        groupId,
        topics: [topic],
        handle: async (message) => {
          if (handled.length === 0) await new Promise((resolve) => setTimeout(resolve, sessionTimeoutMs + 3_000));
          handled.push(message);
        },
      });
      await slow.publish([1, 2].map((n) => ({ topic, key: 'customer-1', event: event(n, 'customer-1') })));
      await until(() => handled.length === 2, 30_000, 'both messages');
      const joins = consumer.joins;
      await consumer.stop();

      expect(handled.map((m) => m.offset)).toEqual([0, 1]);
      expect(joins).toBe(1);
      const again: IncomingMessage[] = [];
      const resumed = await slow.subscribe({ groupId, topics: [topic], handle: async (m) => void again.push(m) });
      await slow.publish([{ topic, key: 'customer-1', event: event(3, 'customer-1') }]);
      await until(() => again.length >= 1, 15_000, 'the next message');
      await resumed.stop();
      expect(again.map((m) => m.offset)).toEqual([2]);
    } finally {
      await slow.close();
    }
  });
});

describeWithBroker('KafkaBus consumer group with two members', () => {
  jest.setTimeout(60_000);

  it('shares the partitions between two members and hands them over on leave, from the committed offsets', async () => {
    const config = testConfig({ consumer: { heartbeatIntervalMs: 300 } });
    const bus = new KafkaBus(config);
    const topic = uniqueTopic('group');
    const groupId = `group-${Date.now()}`;
    const byMember: Record<'a' | 'b', Set<string>> = { a: new Set(), b: new Set() };
    const member = (name: 'a' | 'b') =>
      bus.subscribe({
        groupId,
        topics: [topic],
        handle: async (m) => {
          await new Promise((resolve) => setTimeout(resolve, 2));
          byMember[name].add(m.event.id);
        },
      });
    const batch = (from: number) => Array.from({ length: 300 }, (_, i) => event(from + i, `customer-${(from + i) % 13}`)).map((e) => ({ topic, key: e.subject!, event: e }));
    try {
      await bus.ensureTopics([{ name: topic, partitions: 4 }]);
      const a = await member('a');
      await bus.publish(batch(0));
      await until(() => byMember.a.size >= 100, 20_000, 'member a under way');
      const b = await member('b');
      // Publish the second batch only once the group has rebalanced (b joined, a re-joined): before, a could
      // take all 300 alone and "b handled some" would be a race, not a property of the group.
      await until(() => b.joins >= 1 && a.joins >= 2, 30_000, 'the rebalance that gives b its partitions');
      await bus.publish(batch(300));
      await until(() => new Set([...byMember.a, ...byMember.b]).size === 600, 30_000, 'all 600 handled by a and b');
      expect(byMember.b.size).toBeGreaterThan(0);
      await a.stop();
      await bus.publish(batch(600));
      await until(() => new Set([...byMember.a, ...byMember.b]).size === 900, 30_000, 'b takes over after a leaves');
      await b.stop();

      // Everything handled was committed: a new member of the group gets only what comes next.
      const after: string[] = [];
      const c = await bus.subscribe({ groupId, topics: [topic], handle: async (m) => void after.push(m.event.id) });
      await bus.publish(batch(900).slice(0, 4));
      await until(() => after.length >= 4, 20_000, 'the next 4 messages');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await c.stop();
      expect(after.sort()).toEqual(batch(900).slice(0, 4).map((m) => m.event.id).sort());
    } finally {
      await bus.close();
    }
  });
});
