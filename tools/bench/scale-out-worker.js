// One instance of a consuming service for tools/bench/scale-out.js: a topic projection (the platform's
// TopicProjectionRunner: marker + writes + offset commit together) from Kafka into MongoDB. Its effect is one
// document per event, `n` counting how often it was applied: n > 1 anywhere would be a double effect.
require('reflect-metadata');
const { KafkaBus } = require('@rapport/platform-kafka');
const { TopicProjectionRunner } = require('@rapport/platform-messaging');
const { MongoReadModelStore } = require('@rapport/platform-mongodb');

const { BROKERS, MONGO, DB, TOPIC, GROUP, INSTANCE } = process.env;
let handled = 0;
const partitions = new Set();

(async () => {
  const bus = new KafkaBus({ brokers: BROKERS.split(','), clientId: `scale-${INSTANCE}`, consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500 } });
  const store = await MongoReadModelStore.open(MONGO, { dbName: DB });
  const runner = new TopicProjectionRunner(bus, store, {
    name: GROUP,
    version: 1,
    topics: [TOPIC],
    collections: [{ name: 'effects' }],
    apply: async (event, view, message) => {
      const before = await view.get('effects', event.id);
      view.put('effects', { id: event.id, n: (before?.n ?? 0) + 1, instance: INSTANCE });
      partitions.add(message.partition);
      handled++;
    },
  });
  await runner.start();
  const report = () => process.send?.({ instance: INSTANCE, handled, cpu: process.cpuUsage(), partitions: [...partitions] });
  setInterval(report, 250);
  process.on('message', async (m) => {
    if (m === 'stop') {
      report();
      await runner.stop();
      await bus.close();
      await store.close();
      process.exit(0);
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
