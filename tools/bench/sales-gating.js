// Sales-gating rows for `npm run bench` (issue 12): the 10,000-customer batch check (latency, the same pure check
// as single ones, read from the gates read model), single checks per second in process (the HTTP row beside a bare
// Nest endpoint belongs with tools/bench/commands-under-load.js), and re-evaluating 100,000 gates after a policy
// change (one decide and, where the gate changes, one append per customer). Embedded engines (SQLite, WAL),
// synchronous=NORMAL as the other rows; BENCH_SYNCHRONOUS=FULL measures the fsync instead.
//
//   require('<this file>').salesGatingBench(results)        from tools/bench/run.js
//   BENCH_GATES=10000 node -r ./tools/register-paths.js tools/bench/sales-gating.js   alone, smaller
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ManualClock, ProjectionRunner } = require('@rapport/platform-eventsourcing');
const { SqliteEventStore, SqliteReadModelStore } = require('@rapport/platform-sqlite');
const { GateCommands, SalesGatingQueries, gatesProjection, putPolicyAndReEvaluate } = require('@rapport/sales-gating-app');
const { defaultGatePolicy, evaluateGate, evolveGate, initialGateState } = require('@rapport/sales-gating-domain');

const GATES = Number(process.env.BENCH_GATES ?? 100_000);
const BATCH = 10_000;
const SINGLES = Number(process.env.BENCH_GATE_SINGLES ?? 5_000);
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS ?? 'NORMAL';
const START = new Date('2026-03-02T09:00:00.000Z');
const context = { recordedAt: START.toISOString(), actor: { id: 'bench', kind: 'system' }, via: 'system', correlationId: 'bench', causationId: 'bench' };

let ids = 0;
/** `count` customers, each registered with an NPS answer (scores 0–10 in turn) and the gate that gives. */
async function fill(events, count) {
  for (let b = 0; b < count; b += 1_000) {
    const appends = [];
    for (let i = b; i < Math.min(count, b + 1_000); i++) {
      const customerId = `c-${String(i).padStart(7, '0')}`;
      const facts = [
        { kind: 'registered', ownerId: `rep-${i % 50}`, at: START.toISOString() },
        { kind: 'nps-answered', surveyId: `s-${i}`, score: i % 11, at: START.toISOString() },
      ];
      let state = initialGateState();
      const list = [];
      for (const fact of facts) {
        const noted = { type: 'sales-gating.fact-noted.v1', data: { customerId, sourceEventId: `src-${++ids}`, fact } };
        state = evolveGate(state, noted);
        list.push(noted);
      }
      const decision = evaluateGate(state, defaultGatePolicy, START);
      list.push({ type: 'sales-gating.gate-changed.v1', data: { customerId, ownerId: state.ownerId, previous: null, decision, cause: { kind: 'event', eventId: `src-${ids}` } } });
      appends.push({ streamId: `gate-${customerId}`, expectedVersion: 'no_stream', events: list.map((e) => ({ eventId: `fill-${++ids}`, type: e.type, data: e.data })) });
    }
    await events.appendMany(appends, { context: { ...context, commandId: `fill-${b}` } });
  }
}

async function seconds(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function salesGatingBench(results) {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-gating-'));
  const events = SqliteEventStore.open(join(dir, 'gating.sqlite'), { synchronous: SYNCHRONOUS });
  const readModels = SqliteReadModelStore.open(join(dir, 'gating.read.sqlite'), { synchronous: SYNCHRONOUS });
  const runner = new ProjectionRunner(events, readModels, gatesProjection(() => defaultGatePolicy.quadrant.highShareFrom), { batchSize: 2_000 });
  try {
    await fill(events, GATES);
    await runner.catchUp();
    await runner.start();
    const clock = new ManualClock(new Date(START.getTime() + 86_400_000));
    const queries = new SalesGatingQueries(readModels, clock);
    const commands = new GateCommands(events);

    const questions = Array.from({ length: BATCH }, (_, i) => ({ customerId: `c-${String((i * 7919) % GATES).padStart(7, '0')}`, repId: `rep-${i % 50}`, product: 'seats' }));
    await queries.check(questions.slice(0, 100), defaultGatePolicy); // warm up
    let answers;
    const batchSeconds = await seconds(async () => (answers = await queries.check(questions, defaultGatePolicy)));
    if (answers.length !== BATCH) throw new Error(`answered ${answers.length} of ${BATCH}`);
    const singleSeconds = await seconds(async () => {
      for (let i = 0; i < SINGLES; i++) await queries.check([questions[i % BATCH]], defaultGatePolicy);
    });

    const stricter = { ...defaultGatePolicy, version: 'bench-stricter', quadrant: { ...defaultGatePolicy.quadrant, highNpsFrom: 9 } };
    let report;
    const host = { runner: () => runner };
    const now = clock.now();
    const reEvaluateSeconds = await seconds(async () => {
      report = await putPolicyAndReEvaluate(commands, queries, host, stricter, 'bench', { commandId: 'bench-policy', actor: context.actor, now, correlationId: 'bench', causationId: 'bench', via: 'system' });
    });
    console.log(
      `  sales gating: batch of ${BATCH.toLocaleString('en-US')} checks ${(batchSeconds * 1_000).toFixed(0)} ms; ${Math.round(SINGLES / singleSeconds).toLocaleString('en-US')} single checks/s in process; ` +
        `${report.reEvaluated.toLocaleString('en-US')} gates re-evaluated (${report.changed.toLocaleString('en-US')} changed) in ${reEvaluateSeconds.toFixed(1)} s`,
    );
    results.push(
      { name: `check ${BATCH.toLocaleString('en-US')} customers in one batch`, unit: 'checks/s', rapport: BATCH / batchSeconds, raw: undefined, emmett: undefined, goal: `${(batchSeconds * 1_000).toFixed(0)} ms per batch` },
      { name: 'single pitch checks, in process', unit: 'checks/s', rapport: SINGLES / singleSeconds, raw: undefined, emmett: undefined, goal: 'over HTTP beside a bare Nest endpoint: to be added to commands-under-load' },
      {
        name: `re-evaluate ${GATES.toLocaleString('en-US')} gates after a policy change`,
        unit: 'gates/s',
        rapport: report.reEvaluated / reEvaluateSeconds,
        raw: undefined,
        emmett: undefined,
        goal: `${reEvaluateSeconds.toFixed(1)} s, ${report.changed.toLocaleString('en-US')} changed`,
      },
    );
  } finally {
    await runner.stop();
    await events.close();
    await readModels.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { salesGatingBench };

if (require.main === module) {
  salesGatingBench([]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
