import {
  deadLetterTopic,
  PoisonMessageError,
  type DeadLetter,
  type IncomingMessage,
  type IntegrationEvent,
  type MessageBus,
  type OutgoingMessage,
} from '@rapport/platform-messaging';
import { until } from './until';

export interface MessageBusHarness {
  /** A bus over a fresh namespace (topic names must be unique per test: use `topic(...)`). */
  open(): Promise<MessageBus>;
  /** A new client of the same broker/log, as after a process restart. */
  reopen(): Promise<MessageBus>;
  /** All messages on a topic, in order (reads the dead-letter topic in tests). */
  readTopic(bus: MessageBus, topic: string): Promise<IncomingMessage[]>;
  cleanup(): Promise<void>;
}

let sequence = 0;
const unique = (): string => `${Date.now().toString(36)}-${(sequence++).toString(36)}`;

export const testEvent = (n: number, subject = `customer-${n % 3}`): IntegrationEvent<{ n: number }> => ({
  specversion: '1.0',
  id: `event-${unique()}-${n}`,
  source: '/rapport/test',
  type: 'rapport.test.thing-happened.v1',
  subject,
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { n },
  correlationid: 'corr-1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
});

/**
 * The definition of "a message-bus adapter" (in-process, Kafka): at-least-once delivery in key order,
 * independent consumer groups, redelivery after a restart without commit, and poison messages parked on the
 * dead-letter topic with their reason instead of blocking the partition.
 */
export function messageBusConformance(name: string, harness: () => MessageBusHarness): void {
  describe(`MessageBus conformance: ${name}`, () => {
    let h: MessageBusHarness;
    let bus: MessageBus;
    let topic: string;
    const publish = (events: readonly IntegrationEvent[]): Promise<void> =>
      bus.publish(events.map((event): OutgoingMessage => ({ topic, key: event.subject ?? 'none', event })));

    beforeEach(async () => {
      h = harness();
      bus = await h.open();
      topic = `rapport.test-${unique()}.v1`;
      await bus.ensureTopics([{ name: topic, partitions: 3 }, { name: deadLetterTopic(topic), partitions: 1 }]);
    });
    afterEach(async () => {
      await bus.close();
      await h.cleanup();
    });

    it('delivers every published event, CloudEvent attributes intact, in order per key', async () => {
      const events = Array.from({ length: 30 }, (_, n) => testEvent(n));
      const received: IncomingMessage[] = [];
      const consumer = await bus.subscribe({ groupId: `g-${unique()}`, topics: [topic], handle: async (m) => void received.push(m) });
      await publish(events);
      await until(() => received.length >= 30);
      await consumer.stop();
      expect(new Set(received.map((m) => m.event.id))).toEqual(new Set(events.map((e) => e.id)));
      for (const key of ['customer-0', 'customer-1', 'customer-2']) {
        const ns = received.filter((m) => m.key === key).map((m) => (m.event.data as { n: number }).n);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
      }
      expect(received[0]!.event).toMatchObject({ specversion: '1.0', source: '/rapport/test', type: 'rapport.test.thing-happened.v1', correlationid: 'corr-1' });
      expect(received[0]!.event.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    });

    it('gives each consumer group its own copy, and a group that joins late reads from the start', async () => {
      await publish([testEvent(1), testEvent(2)]);
      const a: string[] = [];
      const b: string[] = [];
      const first = await bus.subscribe({ groupId: `a-${unique()}`, topics: [topic], handle: async (m) => void a.push(m.event.id) });
      await until(() => a.length === 2);
      const second = await bus.subscribe({ groupId: `b-${unique()}`, topics: [topic], handle: async (m) => void b.push(m.event.id) });
      await until(() => b.length === 2);
      await first.stop();
      await second.stop();
      expect(b.sort()).toEqual(a.sort());
    });

    it('redelivers after a restart what was not handled, and nothing that was', async () => {
      const group = `g-${unique()}`;
      await publish(Array.from({ length: 10 }, (_, n) => testEvent(n, 'same-key')));
      const handled: number[] = [];
      const consumer = await bus.subscribe({
        groupId: group,
        topics: [topic],
        maxAttempts: 1_000,
        retryDelayMs: 20,
        handle: async (m) => {
          const n = (m.event.data as { n: number }).n;
          if (n >= 5) throw new Error('the process is going down');
          handled.push(n);
        },
      });
      await until(() => handled.length === 5);
      await consumer.stop();
      await bus.close();
      bus = await h.reopen();
      const after: number[] = [];
      const resumed = await bus.subscribe({ groupId: group, topics: [topic], handle: async (m) => void after.push((m.event.data as { n: number }).n) });
      await until(() => after.length >= 5);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await resumed.stop();
      expect(handled).toEqual([0, 1, 2, 3, 4]);
      expect(after).toEqual([5, 6, 7, 8, 9]);
    });

    it('retries a failing handler with backoff until it succeeds', async () => {
      let attempts = 0;
      const done: string[] = [];
      const consumer = await bus.subscribe({
        groupId: `g-${unique()}`,
        topics: [topic],
        retryDelayMs: 10,
        handle: async (m) => {
          if (++attempts < 3) throw new Error('transient');
          done.push(m.event.id);
        },
      });
      const event = testEvent(1);
      await publish([event]);
      await until(() => done.length === 1);
      await consumer.stop();
      expect(attempts).toBe(3);
      expect(await h.readTopic(bus, deadLetterTopic(topic))).toEqual([]);
    });

    it('parks a poison message on the dead-letter topic with its reason, and keeps consuming the partition', async () => {
      const handled: number[] = [];
      const group = `g-${unique()}`;
      const consumer = await bus.subscribe({
        groupId: group,
        topics: [topic],
        retryDelayMs: 10,
        maxAttempts: 3,
        handle: async (m) => {
          const n = (m.event.data as { n: number }).n;
          if (n === 1) throw new PoisonMessageError('field customerId is missing');
          if (n === 2) throw new Error('always fails');
          handled.push(n);
        },
      });
      await publish([0, 1, 2, 3].map((n) => testEvent(n, 'one-key')));
      await until(() => handled.length === 2);
      let parked: IncomingMessage[] = [];
      await until(async () => (parked = await h.readTopic(bus, deadLetterTopic(topic))).length === 2);
      await consumer.stop();
      expect(handled).toEqual([0, 3]);
      const letters = parked.map((m) => m.event.data as DeadLetter);
      expect(letters.map((l) => l.reason)).toEqual(['PoisonMessageError: field customerId is missing', 'Error: always fails']);
      expect(letters.map((l) => l.attempts)).toEqual([1, 3]);
      expect(letters[0]).toMatchObject({ originalTopic: topic, groupId: group });
    });
  });
}
