// Scale-out (issue 15, item 7): instances of one consuming service in one consumer group over a six-partition
// topic on the local broker, the effect in MongoDB (FerretDB). Phase 1: one instance alone drains a backlog.
// Phase 2: three instances drain a backlog and one is SIGKILLed a third of the way in; the other two take its
// partitions. Checked, not only measured: every event has exactly one effect (no loss, no double effect), and
// the survivors between them handled all six partitions. Rates are per instance and per CPU-second of that
// instance (the machine has 2 cores shared with the broker and FerretDB, so wall-clock rates understate).
//
//   npm run build && node -r ./tools/register-paths.js tools/bench/scale-out.js [--events 1200]
// Without KAFKA_BROKERS / MONGODB_URL it starts the local engines (infra/engines) and leaves them as it found them.
require('reflect-metadata');
const { execFileSync, fork } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { KafkaBus } = require('@rapport/platform-kafka');
const { MongoReadModelStore } = require('@rapport/platform-mongodb');

const engines = join(__dirname, '../../infra/engines');
const PARTITIONS = 6;

function engine(name, envName) {
  if (process.env[envName]) return { url: process.env[envName], started: false };
  const running = (() => {
    try {
      execFileSync(join(engines, `${name}.sh`), ['status'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!running) execFileSync(join(engines, `${name}.sh`), ['start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { url: execFileSync(join(engines, `${name}.sh`), ['url'], { encoding: 'utf8' }).trim(), started: !running, name };
}

const event = (i) => ({
  specversion: '1.0',
  id: randomUUID(),
  source: '/rapport/customers',
  type: 'rapport.customers.contact-logged.v1',
  subject: `customer-${i % 5000}`,
  time: new Date().toISOString(),
  datacontenttype: 'application/json',
  data: { customerId: `customer-${i % 5000}`, channel: 'phone', note: 'x'.repeat(200), n: i },
});

async function backlog(bus, topic, count) {
  await bus.ensureTopics([{ name: topic, partitions: PARTITIONS }]);
  for (let i = 0; i < count; i += 500) {
    await bus.publish(Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ topic, key: `customer-${(i + k) % 5000}`, event: event(i + k) })));
  }
}

function startWorker(env, instance) {
  const child = fork(join(__dirname, 'scale-out-worker.js'), [], { env: { ...process.env, ...env, INSTANCE: String(instance) }, execArgv: ['-r', join(__dirname, '../register-paths.js')], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const state = { instance, child, handled: 0, cpuSeconds: 0, partitions: [], killed: false };
  child.on('message', (m) => {
    state.handled = m.handled;
    state.cpuSeconds = (m.cpu.user + m.cpu.system) / 1e6;
    state.partitions = m.partitions;
  });
  return state;
}

const until = async (condition, timeoutMs, what) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`scale-out: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

async function stopAll(workers) {
  await Promise.all(workers.filter((w) => !w.killed).map((w) => new Promise((resolve) => {
    w.child.once('exit', resolve);
    w.child.send('stop');
  })));
}

/** One phase: `instances` workers drain `events`; `kill` SIGKILLs instance 0 after a third. Answers the measurements. */
async function phase({ brokers, mongo, instances, events, kill }) {
  const run = randomUUID().slice(0, 8);
  const topic = `rapport.bench-scale-${run}.v1`;
  const db = `bench_scale_${run}`;
  const bus = new KafkaBus({ brokers: brokers.split(','), clientId: `scale-producer-${run}` });
  await backlog(bus, topic, events);
  await bus.close();
  const store = await MongoReadModelStore.open(mongo, { dbName: db });
  const env = { BROKERS: brokers, MONGO: mongo, DB: db, TOPIC: topic, GROUP: `bench-scale-${run}` };
  const started = Date.now();
  const workers = Array.from({ length: instances }, (_, i) => startWorker(env, i));
  try {
    if (kill) {
      await until(() => workers.reduce((sum, w) => sum + w.handled, 0) >= events / 3, 600_000, 'a third of the backlog');
      workers[0].killed = true;
      workers[0].child.kill('SIGKILL');
    }
    // Counting on FerretDB reads every document: ask only once the instances say they are through, then every 2 s.
    await until(() => workers.reduce((sum, w) => sum + w.handled, 0) >= events, 900_000, `${events} handled`);
    let last = 0;
    await until(async () => Date.now() - last > 2_000 && ((last = Date.now()), (await store.count('effects')) >= events), 900_000, `${events} effects`);
    const seconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 600)); // last reports
    const effects = await store.count('effects');
    const doubled = await store.count('effects', { where: { n: { gt: 1 } } });
    const survivors = workers.filter((w) => !w.killed);
    const survivorPartitions = new Set(survivors.flatMap((w) => w.partitions));
    return { events, seconds, effects, doubled, workers, survivorPartitions: survivorPartitions.size };
  } finally {
    await stopAll(workers);
    await store.close();
  }
}

async function scaleOutBench(results, options = {}) {
  const events = options.events ?? 1_200;
  const log = options.log ?? console.log;
  const kafka = engine('kafka', 'KAFKA_BROKERS');
  const mongo = engine('ferretdb', 'MONGODB_URL');
  try {
    const one = await phase({ brokers: kafka.url, mongo: mongo.url, instances: 1, events: events / 2, kill: false });
    log(`  scale-out, 1 instance: ${one.events} events in ${one.seconds.toFixed(1)} s; effects ${one.effects}, applied twice ${one.doubled}`);
    const three = await phase({ brokers: kafka.url, mongo: mongo.url, instances: 3, events, kill: true });
    const failures = [];
    for (const [label, p] of [['1 instance', one], ['3 instances, one killed', three]]) {
      if (p.effects !== p.events) failures.push(`${label}: ${p.effects} effects for ${p.events} events (loss)`);
      if (p.doubled !== 0) failures.push(`${label}: ${p.doubled} events applied twice`);
    }
    if (three.survivorPartitions !== PARTITIONS) failures.push(`survivors handled ${three.survivorPartitions} of ${PARTITIONS} partitions`);
    const perCpu = (w) => w.handled / Math.max(w.cpuSeconds, 0.001);
    log(`  scale-out, 1 instance: ${one.events} events in ${one.seconds.toFixed(1)} s = ${Math.round(one.events / one.seconds)}/s; ${Math.round(perCpu(one.workers[0]))} events per CPU-second`);
    for (const w of three.workers) {
      log(`  scale-out, instance ${w.instance}${w.killed ? ' (SIGKILLed at a third)' : ''}: ${w.handled} handled, ${w.cpuSeconds.toFixed(1)} CPU-s = ${Math.round(perCpu(w))} events per CPU-second; partitions ${w.partitions.sort().join(',')}`);
    }
    log(`  scale-out, 3 instances: ${three.events} events in ${three.seconds.toFixed(1)} s = ${Math.round(three.events / three.seconds)}/s; effects ${three.effects}, applied twice ${three.doubled}`);
    const survivorsPerCpu = three.workers.filter((w) => !w.killed).map(perCpu);
    results.push({
      name: `consumer scale-out, 6 partitions (${events.toLocaleString('en-US')} events)`,
      unit: 'events/CPU-s per instance',
      rapport: survivorsPerCpu.reduce((a, b) => a + b, 0) / survivorsPerCpu.length,
      raw: perCpu(one.workers[0]),
      emmett: undefined,
      goal: failures.length === 0 ? `no loss, no double effect after a SIGKILL; wall ${Math.round(three.events / three.seconds)}/s with 3 vs ${Math.round(one.events / one.seconds)}/s with 1 (2 cores)` : `FAILED: ${failures.join('; ')}`,
    });
    if (failures.length > 0) throw new Error(`scale-out: ${failures.join('; ')}`);
    return { one, three };
  } finally {
    for (const e of [mongo, kafka]) if (e.started) execFileSync(join(engines, `${e.name}.sh`), ['stop'], { stdio: 'ignore' });
  }
}

module.exports = { scaleOutBench, phase, engine, PARTITIONS };

if (require.main === module) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '1200' } } });
  scaleOutBench([], { events: Number(values.events) }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
