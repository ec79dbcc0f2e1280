// Scheduler rows of `npm run bench` (issue 11, S3): how fast 100,000 timers due at once fire, beside the raw
// event-store append rate of the same shape (appendMany of one event per stream, in batches of the firing
// loop's size), and how long scheduling takes with 10,000 vs 1,000,000 timers pending (an index, not a scan).
// The engines are the embedded ones (SQLite, WAL) with synchronous=NORMAL for every contender here (as the
// import-health row): with FULL each commit waits for an fsync, and on this class of disk that latency (10–50 ms,
// varying run to run) would be what the rows measure, not the scheduler. BENCH_SYNCHRONOUS=FULL measures that.
//
//   npm run bench                                                     (rows of the main table)
//   BENCH_TIMERS_DUE=10000 BENCH_TIMERS_PENDING=100000 node -r ./tools/register-paths.js tools/bench/scheduler.js   alone, smaller
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ManualClock, ProjectionRunner } = require('@rapport/platform-eventsourcing');
const { SqliteEventStore, SqliteReadModelStore } = require('@rapport/platform-sqlite');
const { FiringLoop, TimerCommands, timerIndexProjection } = require('@rapport/scheduler-app');

const DUE = Number(process.env.BENCH_TIMERS_DUE ?? 100_000);
const PENDING_SMALL = Number(process.env.BENCH_TIMERS_PENDING_SMALL ?? 10_000);
const PENDING_LARGE = Number(process.env.BENCH_TIMERS_PENDING ?? 1_000_000);
const SCHEDULE = Number(process.env.BENCH_TIMERS_SCHEDULE ?? 2_000);
const BATCH = 500;
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS ?? 'NORMAL';
const START = new Date('2026-01-05T09:00:00.000Z');
const context = { recordedAt: START.toISOString(), actor: { id: 'bench', kind: 'system' }, via: 'system', correlationId: 'bench', causationId: 'bench' };
const deliver = { topic: 'rapport.bench.timers.v1', type: 'rapport.bench.due.v1', data: { n: 1 } };

let ids = 0;
let runs = 0;
/** Fills the store with `count` pending timers (one `timer-scheduled` per stream), due from `from` on, a minute apart. */
async function fill(events, count, from, prefix) {
  for (let b = 0; b < count; b += 1_000) {
    const appends = [];
    for (let i = b; i < Math.min(count, b + 1_000); i++) {
      const timerId = `${prefix}-${i}`;
      const dueAt = new Date(from.getTime() + ((i * 7919) % count) * 60_000).toISOString();
      appends.push({
        streamId: `timer-${timerId}`,
        expectedVersion: 'no_stream',
        events: [{ eventId: `fill-${++ids}`, type: 'scheduler.timer-scheduled.v1', data: { timerId, ownerService: 'bench', dueAt, deliver, at: START.toISOString() } }],
      });
    }
    await events.appendMany(appends, { context: { ...context, commandId: `fill-${prefix}-${b}` } });
  }
}

async function open(dir, name) {
  const events = SqliteEventStore.open(join(dir, `${name}.sqlite`), { synchronous: SYNCHRONOUS });
  const readModels = SqliteReadModelStore.open(join(dir, `${name}.read.sqlite`), { synchronous: SYNCHRONOUS });
  const runner = new ProjectionRunner(events, readModels, timerIndexProjection, { batchSize: 2_000 });
  return { events, readModels, runner, close: async () => (await runner.stop(), await events.close(), await readModels.close()) };
}

async function seconds(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** 100,000 due at once: `FiringLoop.fireDue` (index query, decide, one atomic append per batch of 500, yield). */
async function firing(dir) {
  const s = await open(dir, 'firing');
  await fill(s.events, DUE, START, 'due');
  await s.runner.catchUp();
  await s.runner.start();
  const clock = new ManualClock(new Date(START.getTime() + DUE * 60_000));
  const loop = new FiringLoop(new TimerCommands(s.events), s.readModels, s.runner, clock, { batchSize: BATCH, pollMs: 3_600_000 });
  let report;
  const fired = await seconds(async () => (report = await loop.fireDue()));
  if (report.fired !== DUE) throw new Error(`fired ${report.fired} of ${DUE}`);
  await s.close();

  // The same number of events appended the same way (one per stream, 500 streams per appendMany), nothing decided.
  const raw = await open(dir, 'raw-append');
  const rawSeconds = await seconds(() => fill(raw.events, DUE, START, 'raw'));
  await raw.close();
  return { fired: DUE / fired, append: DUE / rawSeconds, batches: report.batches, seconds: fired };
}

/** Time to schedule SCHEDULE new timers (commands + due-index update) with `pending` timers already waiting. */
async function scheduling(dir, pending) {
  const s = await open(dir, `pending-${pending}-${++runs}`);
  await fill(s.events, pending, new Date(START.getTime() + 86_400_000), 'pending');
  await s.runner.catchUp();
  const timers = new TimerCommands(s.events);
  const now = START;
  // Warm up (statement caches, JIT) on timers that are not measured.
  for (let i = 0; i < 50; i++) {
    const commandId = `warm-${i}`;
    await timers.execute({ type: 'schedule-timer', timerId: commandId, ownerService: 'bench', dueAt: START.toISOString(), deliver, now }, { commandId, actor: context.actor, now, correlationId: commandId, causationId: commandId, via: 'system' });
  }
  const took = await seconds(async () => {
    for (let i = 0; i < SCHEDULE; i++) {
      const timerId = `new-${i}`;
      const dueAt = new Date(START.getTime() + 3_600_000 + i * 1_000).toISOString();
      const commandId = `schedule-${i}`;
      await timers.execute(
        { type: 'schedule-timer', timerId, ownerService: 'bench', dueAt, deliver, now },
        { commandId, actor: context.actor, now, correlationId: commandId, causationId: commandId, via: 'system' },
      );
    }
    await s.runner.catchUp();
  });
  await s.close();
  return (took * 1_000) / SCHEDULE;
}

async function schedulerBench(results) {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-scheduler-'));
  try {
    const f = await firing(dir);
    console.log(`  scheduler: ${DUE.toLocaleString('en-US')} due timers fired in ${f.seconds.toFixed(2)} s (${f.batches} batches); raw appendMany ${Math.round(f.append).toLocaleString('en-US')} events/s`);
    results.push({
      name: `fire ${DUE.toLocaleString('en-US')} timers due at once`,
      unit: 'timers/s',
      rapport: f.fired,
      raw: undefined,
      emmett: undefined,
      goal: `event-store appendMany of the same events: ${Math.round(f.append).toLocaleString('en-US')} events/s (${Math.round((100 * f.fired) / f.append)}%)`,
    });
    const small = await scheduling(dir, PENDING_SMALL);
    const large = await scheduling(dir, PENDING_LARGE);
    console.log(`  scheduler: schedule with ${PENDING_SMALL.toLocaleString('en-US')} pending ${small.toFixed(3)} ms/timer, with ${PENDING_LARGE.toLocaleString('en-US')} pending ${large.toFixed(3)} ms/timer`);
    for (const [pending, ms] of [
      [PENDING_SMALL, small],
      [PENDING_LARGE, large],
    ]) {
      results.push({
        name: `schedule a timer, ${pending.toLocaleString('en-US')} pending`,
        unit: 'timers/s',
        rapport: 1_000 / ms,
        raw: undefined,
        emmett: undefined,
        goal: pending === PENDING_LARGE ? `≤ 2× the time with ${PENDING_SMALL.toLocaleString('en-US')}: ${(ms / small).toFixed(2)}×` : `${ms.toFixed(3)} ms per timer`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { schedulerBench };

if (require.main === module) {
  const results = [];
  schedulerBench(results)
    .then(() => console.table(results))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
