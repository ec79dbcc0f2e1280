import { CommandHandler, type CommandContext, type Decider, type DomainEvent } from '@rapport/platform-eventsourcing';
import { KafkaBus, readTopicRaw } from '@rapport/platform-kafka';
import { deadLetterTopic, integrationEventOf, OutboxRelay, TopicProjectionRunner, type TopicProjection } from '@rapport/platform-messaging';
import { SqliteEventStore, SqliteReadModelStore } from '@rapport/platform-sqlite';
import { startPrivateKafka, testActor, type PrivateKafka } from '@rapport/platform-testing';

const COMMANDS = 5_000;
const CUSTOMERS = 50;
const DOWN_MS = 10_000;
const TOPIC = `rapport.pipeline-${Date.now().toString(36)}.v1`;

type ContactLogged = DomainEvent<'test.contact-logged.v1', { customerId: string; n: number }>;
const contacts: Decider<{ customerId: string; n: number }, ContactLogged, null> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (command) => [{ type: 'test.contact-logged.v1', data: command }],
};

/** Contacts per customer, fed from the topic: any loss or double count shows in the totals. */
const contactCounts: TopicProjection = {
  name: 'contact-counts',
  version: 1,
  topics: [TOPIC],
  collections: [{ name: 'contact_counts' }],
  async apply(event, view) {
    const current = await view.get<{ id: string; count: number }>('contact_counts', event.subject!);
    view.put('contact_counts', { id: event.subject!, count: (current?.count ?? 0) + 1 });
  },
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole path through a broker outage: commands → event store → outbox relay → Kafka → consumer → read model.
 * The broker is stopped for 10 s while commands keep coming; afterwards every event has reached the read model
 * exactly once in effect (counts exact), and nothing was dead-lettered.
 */
describe('outbox → Kafka → read model across a 10 s broker outage', () => {
  let kafka: PrivateKafka;
  beforeAll(async () => {
    kafka = await startPrivateKafka();
  }, 180_000);
  afterAll(async () => kafka?.dispose(), 60_000);

  it(`keeps the read-model counts exact for ${COMMANDS.toLocaleString('en-US')} commands, nothing in the dead-letter topic`, async () => {
    const events = SqliteEventStore.open(':memory:');
    const relayCheckpoints = SqliteReadModelStore.open(':memory:');
    const readModel = SqliteReadModelStore.open(':memory:');
    const config = { brokers: [kafka.brokers], clientId: 'pipeline-spec', retries: 2, retryDelayMs: 500 };
    const producerBus = new KafkaBus(config);
    const consumerBus = new KafkaBus({ ...config, clientId: 'pipeline-spec-consumer' });
    const handler = new CommandHandler(events, contacts);
    await producerBus.ensureTopics([{ name: TOPIC, partitions: 3 }, { name: deadLetterTopic(TOPIC), partitions: 1 }]);

    const relay = new OutboxRelay(events, relayCheckpoints, producerBus, {
      name: 'pipeline',
      map: (e) => [{ topic: TOPIC, key: (e.data as { customerId: string }).customerId, event: integrationEventOf('/rapport/test', 'rapport.test.contact-logged.v1', (e.data as { customerId: string }).customerId, e.data, e) }],
    });
    const consumer = new TopicProjectionRunner(consumerBus, readModel, contactCounts);
    const total = async (): Promise<number> =>
      (await readModel.find<{ id: string; count: number }>('contact_counts')).reduce((sum, c) => sum + c.count, 0);

    try {
      await consumer.start();
      await relay.start();
      let issued = 0;
      const commands = (async () => {
        for (; issued < COMMANDS; issued++) {
          const customerId = `customer-${issued % CUSTOMERS}`;
          const context: CommandContext = {
            commandId: `pipeline-${issued}`,
            actor: testActor,
            now: new Date(Date.UTC(2026, 2, 3, 10, 0, 0, issued)),
            correlationId: `pipeline-${issued}`,
            causationId: `pipeline-${issued}`,
            via: 'api',
          };
          await handler.handle(`contacts-${customerId}`, { customerId, n: issued }, context, 'any');
          if (issued % 50 === 49) await sleep(60); // about 20 s of steady traffic
        }
      })();

      while ((await total()) < 1_000) await sleep(100);
      await kafka.stop();
      const issuedAtStop = issued;
      await sleep(DOWN_MS);
      const issuedDuringOutage = issued - issuedAtStop;
      await kafka.start();
      await commands;

      const deadline = Date.now() + 120_000;
      while ((await total()) < COMMANDS && Date.now() < deadline) await sleep(200);
      await sleep(1_000); // anything redelivered late would show now

      expect(issuedAtStop).toBeLessThan(COMMANDS);
      expect(issuedDuringOutage).toBeGreaterThan(0); // the event store is the outbox: commands went on without the broker
      const counts = await readModel.find<{ id: string; count: number }>('contact_counts', { orderBy: [{ field: 'id' }] });
      expect(counts).toHaveLength(CUSTOMERS);
      expect(counts.every((c) => c.count === COMMANDS / CUSTOMERS)).toBe(true);
      expect(await total()).toBe(COMMANDS);
      expect(await relay.isCaughtUp()).toBe(true);
      expect(await readTopicRaw(config, deadLetterTopic(TOPIC))).toEqual([]);
    } finally {
      await consumer.stop();
      await relay.stop();
      await consumerBus.close();
      await producerBus.close();
      await events.close();
    }
  }, 240_000);
});
