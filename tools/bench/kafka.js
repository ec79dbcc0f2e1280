// Rapport's Kafka benchmark. Not a test: numbers depend on the machine and the broker, so every row is measured in
// the same run against the same broker, with the same records (a CloudEvent in binary mode: ~400 B of JSON data
// plus its ce_* headers), acks=all, idempotence on, 500 records per produce request, one request in flight.
//
//   npm run build && node -r ./tools/register-paths.js tools/bench/kafka.js
//   ... tools/bench/kafka.js --messages 50000 --relay-events 20000       quicker
//   ... tools/bench/kafka.js --write docs/benchmarks.md                  also rewrite the "## Kafka" block of that file
//
// Without KAFKA_BROKERS it starts the local broker (infra/engines/kafka.sh start) and stops it again at the end.
require('reflect-metadata');
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir, cpus, totalmem } = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { KafkaBus, kafkaClient, toBinaryRecord } = require('@rapport/platform-kafka');
const { OutboxRelay, integrationEventOf } = require('@rapport/platform-messaging');
const { SqliteEventStore, SqliteReadModelStore } = require('@rapport/platform-sqlite');

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    'relay-events': { type: 'string', default: '100000' },
    batch: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '2' },
    write: { type: 'string' },
  },
});
const MESSAGES = Number(args.messages);
const RELAY_EVENTS = Number(args['relay-events']);
const BATCH = Number(args.batch);
const ROUNDS = Number(args.rounds);
const PARTITIONS = 3;
const script = join(__dirname, '../../infra/engines/kafka.sh');
const dir = mkdtempSync(join(tmpdir(), 'rapport-kafka-bench-'));

let startedBroker = false;
let brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  execFileSync(script, ['start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  brokers = execFileSync(script, ['url'], { encoding: 'utf8' }).trim();
  startedBroker = true;
}
const bootstrap = brokers.split(',');
const localUrl = execFileSync(script, ['url'], { encoding: 'utf8' }).trim();
const broker =
  brokers === localUrl
    ? `Apache Kafka ${readFileSync(join(__dirname, '../../infra/engines/kafka/pom.xml'), 'utf8').match(/<kafka.version>(.*)<\/kafka.version>/)?.[1]} (one local KRaft node, infra/engines/kafka.sh)`
    : `the broker at ${brokers}`;
const clientVersion = (name) => JSON.parse(readFileSync(join(__dirname, '../../node_modules', name, 'package.json'), 'utf8')).version;

const { context, contactPayload } = require('./fixtures');
/** A contact-logged event (~400 B of JSON data). */
const payload = (i) => contactPayload(i, true);
const TYPE = 'rapport.customers.contact-logged.v1';
const outgoing = (topic, i) => {
  const data = payload(i);
  return {
    topic,
    key: data.customerId,
    event: {
      specversion: '1.0',
      id: `0194b7a2-1c3e-7000-9000-${String(i).padStart(12, '0')}`,
      source: '/rapport/customers',
      type: TYPE,
      subject: data.customerId,
      time: context.recordedAt,
      datacontenttype: 'application/json',
      data,
      correlationid: context.correlationId,
      causationid: context.causationId,
      actorid: context.actor.id,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    },
  };
};

let topicCounter = 0;
const newTopic = () => `rapport.bench-${Date.now().toString(36)}-${topicCounter++}.v1`;

/** The same wire records for every raw producer: what KafkaBus sends. */
const wireRecords = (topic, count) => Array.from({ length: count }, (_, i) => toBinaryRecord(outgoing(topic, i)));
const batches = (records, size) => Array.from({ length: Math.ceil(records.length / size) }, (_, b) => records.slice(b * size, (b + 1) * size));

async function rawPlatformatic(admin, count) {
  const { Producer, stringSerializers, compatibilityPartitioner } = kafkaClient();
  const producer = new Producer({
    clientId: 'bench-platformatic',
    bootstrapBrokers: bootstrap,
    serializers: stringSerializers,
    idempotent: true,
    acks: -1,
    partitioner: compatibilityPartitioner,
  });
  const topic = await createTopic(admin);
  const records = batches(wireRecords(topic, count), BATCH);
  await producer.send({ messages: records[0].slice(0, 1) }); // connect + InitProducerId outside the clock
  return {
    run: async () => {
      for (const messages of records) await producer.send({ messages });
    },
    close: () => producer.close(),
  };
}

async function rawKafkajs(admin, count) {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers: bootstrap, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const topic = await createTopic(admin);
  const records = batches(wireRecords(topic, count), BATCH);
  await producer.send({ topic, acks: -1, messages: records[0].slice(0, 1) });
  return {
    run: async () => {
      for (const messages of records) await producer.send({ topic, acks: -1, messages });
    },
    close: () => producer.disconnect(),
  };
}

async function createTopic(admin) {
  const topic = newTopic();
  await admin.ensureTopics([{ name: topic, partitions: PARTITIONS }]);
  return topic;
}

async function fillStore(file, count) {
  const store = SqliteEventStore.open(file, { synchronous: 'NORMAL' });
  const perAppend = 1_000;
  for (let b = 0; b < count / perAppend; b++) {
    const batch = Array.from({ length: perAppend }, (_, i) => ({ eventId: `e-${b}-${i}`, type: 'customers.contact-logged.v1', data: payload(b * perAppend + i) }));
    await store.append(`customer-${b % 10_000}`, batch, { expectedVersion: 'any', context });
  }
  await store.close();
}

/** A bus that acknowledges at once: what the relay costs by itself (read, map, checkpoint). */
const instantBus = { publish: async () => undefined, ensureTopics: async () => undefined, subscribe: async () => ({ stop: async () => undefined }), close: async () => undefined };

async function relay(count, viaKafka = true) {
  const file = join(dir, `relay-${Date.now()}.sqlite`);
  await fillStore(file, count);
  const events = SqliteEventStore.open(file);
  const checkpoints = SqliteReadModelStore.open(join(dir, `relay-${Date.now()}.read.sqlite`));
  const bus = viaKafka ? new KafkaBus({ brokers: bootstrap, clientId: 'bench-relay' }) : instantBus;
  const topic = newTopic();
  await bus.ensureTopics([{ name: topic, partitions: PARTITIONS }]);
  await bus.publish([outgoing(topic, 0)]);
  const map = (event) => [{ topic, key: event.data.customerId, event: integrationEventOf('/rapport/customers', TYPE, event.data.customerId, event.data, event) }];
  const outbox = new OutboxRelay(events, checkpoints, bus, { name: `bench-${topic}`, map, batchSize: BATCH });
  return {
    run: async () => {
      await outbox.start();
      while (!(await outbox.isCaughtUp())) await new Promise((resolve) => setTimeout(resolve, 5));
      await outbox.stop();
    },
    close: async () => {
      await bus.close();
      await events.close();
      await checkpoints.close();
    },
  };
}

async function main() {
  const admin = new KafkaBus({ brokers: bootstrap, clientId: 'bench-admin' });
  const sample = wireRecords('t', 1)[0];
  const recordBytes = Buffer.byteLength(sample.value) + Buffer.byteLength(sample.key) + Object.entries(sample.headers).reduce((n, [k, v]) => n + k.length + Buffer.byteLength(v), 0);
  console.log(`${broker}; records: ${Buffer.byteLength(sample.value)} B value + ${recordBytes - Buffer.byteLength(sample.value)} B key and headers; ${BATCH} per request; best of ${ROUNDS}`);

  const rows = [];
  const contender = async (label, setup, count, note) => {
    let rate = 0;
    // A fresh topic per round: each round writes the same amount into an empty log.
    for (let round = 0; round < ROUNDS; round++) {
      const subject = await setup(count);
      rate = Math.max(rate, await measureOnce(label, count, subject.run));
      await subject.close();
    }
    rows.push({ label, rate, note });
    return rate;
  };
  const measureOnce = async (label, count, fn) => {
    const started = process.hrtime.bigint();
    await fn();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`  ${label.padEnd(58)} ${Math.round(count / seconds).toLocaleString('en-US').padStart(9)} msg/s  (${count.toLocaleString('en-US')} in ${seconds.toFixed(2)} s)`);
    return count / seconds;
  };

  console.log('\nraw producers (same records, idempotent, acks=all)');
  const kafkajsRate = await contender(`kafkajs ${clientVersion('kafkajs')} producer.send`, (n) => rawKafkajs(admin, n), MESSAGES, 'raw client');
  const platformaticRate = await contender(`@platformatic/kafka ${clientVersion('@platformatic/kafka')} producer.send`, (n) => rawPlatformatic(admin, n), MESSAGES, 'raw client');

  console.log('\nthe adapter');
  const busRate = await contender('KafkaBus.publish (CloudEvents binary mode)', async (n) => {
    const bus = new KafkaBus({ brokers: bootstrap, clientId: 'bench-bus' });
    const topic = await createTopic(bus);
    const messages = batches(Array.from({ length: n }, (_, i) => outgoing(topic, i)), BATCH);
    await bus.publish(messages[0].slice(0, 1));
    return { run: async () => { for (const batch of messages) await bus.publish(batch); }, close: () => bus.close() };
  }, MESSAGES, 'map + serialise + one request in flight');

  console.log(`\noutbox relay (SqliteEventStore with ${RELAY_EVENTS.toLocaleString('en-US')} events → KafkaBus)`);
  const relayRate = await contender(`OutboxRelay → KafkaBus, ${RELAY_EVENTS.toLocaleString('en-US')} events`, (n) => relay(n), RELAY_EVENTS, 'read store + map + publish + checkpoint');
  const relayAloneRate = await contender('OutboxRelay → a bus that acknowledges at once', (n) => relay(n, false), RELAY_EVENTS, 'the relay alone');
  await admin.close();

  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const pct = (n) => `${Math.round((100 * n) / platformaticRate)}%`;
  const lines = [
    `Run ${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${Math.round(totalmem() / 2 ** 30)} GiB · ` +
      `${broker} · ${PARTITIONS} partitions · records of ${recordBytes} B ` +
      `(${Buffer.byteLength(sample.value)} B JSON value + key + ce_* headers) · acks=all, idempotent · ${BATCH} records per request, one in flight · best of ${ROUNDS}`,
    '',
    '| what | messages/s | vs raw @platformatic/kafka |',
    '|---|---:|---:|',
    `| raw kafkajs ${clientVersion('kafkajs')} producer | ${fmt(kafkajsRate)} | ${pct(kafkajsRate)} |`,
    `| raw @platformatic/kafka ${clientVersion('@platformatic/kafka')} producer | ${fmt(platformaticRate)} | 100% |`,
    `| KafkaBus.publish (the adapter, @platformatic/kafka) | ${fmt(busRate)} | ${pct(busRate)} |`,
    `| OutboxRelay: SqliteEventStore (${fmt(RELAY_EVENTS)} events) → KafkaBus | ${fmt(relayRate)} | ${pct(relayRate)} |`,
    `| (for reference) the same relay → a bus that acknowledges at once | ${fmt(relayAloneRate)} | — |`,
  ];
  const table = lines.join('\n');
  console.log(`\n${table}\n`);
  if (args.write) writeSection(args.write, table);
}

function writeSection(file, table) {
  const begin = '<!-- kafka-bench:begin -->';
  const end = '<!-- kafka-bench:end -->';
  let text = readFileSync(file, 'utf8');
  if (!text.includes(begin)) {
    // First run: the section and its markers; the prose around the markers is maintained by hand.
    text = `${text.trimEnd()}\n\n## Kafka\n\nSee tools/bench/kafka.js.\n\n${begin}\n${end}\n`;
  }
  const head = text.slice(0, text.indexOf(begin) + begin.length);
  const tail = text.slice(text.indexOf(end));
  writeFileSync(file, `${head}\n${table}\n${tail}`);
  console.log(`wrote the Kafka results into ${file}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dir, { recursive: true, force: true });
    if (startedBroker) execFileSync(script, ['stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
  });
