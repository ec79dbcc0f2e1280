import { KafkaBus, readTopicRaw, type KafkaBusConfig } from '@rapport/platform-kafka';
import { deadLetterTopic, type IntegrationEvent, type OutgoingMessage } from '@rapport/platform-messaging';
import { startPrivateKafka, until, type PrivateKafka } from '@rapport/platform-testing';

// A real outage of a broker of its own (infra/engines/kafka.sh on free ports in a private run directory),
// stopped for 10 s and started again, so the suites that run beside it on the shared broker never see it.
const MESSAGES = 3_000;
const PER_PUBLISH = 50;
const DOWN_MS = 10_000;

const event = (n: number): IntegrationEvent<{ n: number }> => ({
  specversion: '1.0',
  id: `outage-${n}`,
  source: '/rapport/test',
  type: 'rapport.test.thing-happened.v1',
  subject: `customer-${n % 11}`,
  time: '2026-03-03T10:00:00.000Z',
  datacontenttype: 'application/json',
  data: { n },
});

describe('KafkaBus through a broker outage', () => {
  jest.setTimeout(150_000);
  let kafka: PrivateKafka;
  beforeAll(async () => {
    kafka = await startPrivateKafka();
  }, 180_000);
  afterAll(async () => kafka?.dispose(), 60_000);

  it(`delivers all ${MESSAGES.toLocaleString('en-US')} messages exactly once in effect across a ${DOWN_MS / 1000} s outage, none dead-lettered`, async () => {
    const config: KafkaBusConfig = { brokers: [kafka.brokers], clientId: 'rapport-outage-spec', retries: 2, retryDelayMs: 500 };
    const bus = new KafkaBus(config);
    const topic = `rapport.test-outage-${Date.now().toString(36)}.v1`;
    const seen = new Map<string, number>();
    let publishedBatches = 0;
    let failedPublishes = 0;
    try {
      await bus.ensureTopics([{ name: topic, partitions: 3 }]);
      const consumer = await bus.subscribe({
        groupId: `outage-${Date.now()}`,
        topics: [topic],
        retryDelayMs: 200,
        handle: async (message) => {
          // A little slower than the publisher, so the outage also catches a backlog of fetched, unhandled messages.
          await new Promise((resolve) => setTimeout(resolve, 3));
          seen.set(message.event.id, (seen.get(message.event.id) ?? 0) + 1);
        },
      });

      // The publisher behaves like the outbox relay: a batch is retried until the broker acknowledged it.
      const publisher = (async () => {
        for (let first = 0; first < MESSAGES; first += PER_PUBLISH) {
          const batch: OutgoingMessage[] = Array.from({ length: PER_PUBLISH }, (_, i) => event(first + i)).map((e) => ({ topic, key: e.subject!, event: e }));
          for (;;) {
            try {
              await bus.publish(batch);
              break;
            } catch {
              failedPublishes++;
              await new Promise((resolve) => setTimeout(resolve, 500));
            }
          }
          publishedBatches++;
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
      })();

      await until(() => seen.size >= MESSAGES / 4, 30_000, 'a quarter of the messages consumed before the outage');
      await kafka.stop();
      const stoppedAt = { published: publishedBatches * PER_PUBLISH, consumed: seen.size };
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      await kafka.start();

      await publisher;
      await until(() => seen.size >= MESSAGES, 90_000, `all messages consumed after the outage (have ${seen.size})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await consumer.stop();

      const duplicates = [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
      console.log(`outage: stopped at ${stoppedAt.published} published / ${stoppedAt.consumed} consumed; ${failedPublishes} publishes retried; ${duplicates} redeliveries dropped by event id`);
      expect(stoppedAt.published).toBeLessThan(MESSAGES);
      expect(failedPublishes).toBeGreaterThan(0);
      expect(seen.size).toBe(MESSAGES);
      expect([...seen.keys()].sort()).toEqual(Array.from({ length: MESSAGES }, (_, n) => `outage-${n}`).sort());
      expect(await readTopicRaw(config, deadLetterTopic(topic))).toEqual([]);
    } finally {
      await bus.close();
    }
  });
});
