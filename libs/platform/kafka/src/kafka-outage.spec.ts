import { deadLetterTopic, type IntegrationEvent, type OutgoingMessage } from '@rapport/platform-messaging';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KafkaBus } from './kafka-bus';
import { describeWithBroker, testBrokers, testConfig, uniqueTopic, until } from './testing/test-broker';
import { readTopicRaw } from './topic-reader';

// A real outage of the shared local broker: `infra/engines/kafka.sh stop`, 10 s down, `kafka.sh start`, with the
// env (KAFKA_PORT, RAPPORT_ENGINE_RUN) the harness started it with. Only when KAFKA_BROKERS is that broker.
const script = join(__dirname, '../../../../infra/engines/kafka.sh');
const kafkaSh = promisify(execFile);
const MESSAGES = 3_000;
const PER_PUBLISH = 50;
const DOWN_MS = 10_000;

function notOurBrokerBecause(): string | undefined {
  if (testBrokers.length !== 1) return `KAFKA_BROKERS=${testBrokers.join(',')} is not one local broker`;
  let url: string;
  try {
    url = execFileSync(script, ['url'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'infra/engines/kafka.sh url failed';
  }
  if (url !== testBrokers[0]) return `KAFKA_BROKERS=${testBrokers[0]} is not the broker of infra/engines/kafka.sh (${url}) with this KAFKA_PORT / RAPPORT_ENGINE_RUN`;
  if (spawnSync(script, ['status'], { stdio: 'ignore' }).status !== 0) return `infra/engines/kafka.sh does not run the broker at ${url} (RAPPORT_ENGINE_RUN=${process.env['RAPPORT_ENGINE_RUN'] ?? 'default'})`;
  return undefined;
}

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

describeWithBroker('KafkaBus through a broker outage', () => {
  const reason = testBrokers.length > 0 ? notOurBrokerBecause() : undefined;
  if (reason) {
    it.skip(`skipped, the broker is not ours to stop: ${reason}`, () => undefined);
    return;
  }
  jest.setTimeout(150_000);

  afterAll(async () => {
    // Whatever happened above, leave the shared broker running for the next spec.
    await kafkaSh(script, ['start']);
  }, 120_000);

  it(`delivers all ${MESSAGES.toLocaleString('en-US')} messages exactly once in effect across a ${DOWN_MS / 1000} s outage, none dead-lettered`, async () => {
    const config = testConfig({ clientId: 'rapport-outage-spec', retries: 2, retryDelayMs: 500 });
    const bus = new KafkaBus(config);
    const topic = uniqueTopic('outage');
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
      await kafkaSh(script, ['stop']);
      const stoppedAt = { published: publishedBatches * PER_PUBLISH, consumed: seen.size };
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      await kafkaSh(script, ['start']);

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
