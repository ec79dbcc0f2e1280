// Complaints row of `npm run bench` (issue 10): the SLA board (K3) answered from the projection with 1,000 and
// with 100,000 open complaints — an indexed, limited read, so the time at 100k must stay within 2× the time at
// 1k. The complaints are recorded as `complaint-received` events (spread over a year of deadlines, four
// severities) and projected by the service's own projection; the board is then asked for its first page.
//
//   node -r ./tools/register-paths.js tools/bench/complaints.js             alone (after npm run build)
//   BENCH_COMPLAINTS=20000 node -r ./tools/register-paths.js tools/bench/complaints.js
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ALWAYS_OPEN, ManualClock, ProjectionRunner } = require('@rapport/platform-eventsourcing');
const { SqliteEventStore, SqliteReadModelStore } = require('@rapport/platform-sqlite');
const { ComplaintsQueries, complaintsProjection } = require('@rapport/complaints-app');
const { defaultComplaintPolicy, slaTargetsOf, startClock } = require('@rapport/complaints-domain');

const SMALL = Number(process.env.BENCH_COMPLAINTS_SMALL ?? 1_000);
const LARGE = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_BOARD_QUERIES ?? 50);
const ROUNDS = Number(process.env.BENCH_BOARD_ROUNDS ?? 7);
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS ?? 'NORMAL';
const START = new Date('2026-01-05T09:00:00.000Z');
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const context = { recordedAt: START.toISOString(), actor: { id: 'bench', kind: 'system' }, via: 'system', correlationId: 'bench', causationId: 'bench' };

let ids = 0;
/** `count` open complaints, received a few minutes apart over the year, one `complaint-received` per stream. */
async function fill(events, count, prefix) {
  for (let b = 0; b < count; b += 1_000) {
    const appends = [];
    for (let i = b; i < Math.min(count, b + 1_000); i++) {
      const complaintId = `${prefix}-${i}`;
      const severity = SEVERITIES[i % 4];
      const at = new Date(START.getTime() + ((i * 7919) % count) * 5 * 60_000).toISOString();
      const sla = slaTargetsOf(defaultComplaintPolicy, severity);
      const deadlines = {
        acknowledgeBy: startClock(ALWAYS_OPEN, 'acknowledge', sla.acknowledgeMs, at).dueAt,
        resolveBy: startClock(ALWAYS_OPEN, 'resolve', sla.resolveMs, at).dueAt,
      };
      const data = {
        complaintId, reference: `K-2026-${String(i % 1_000_000).padStart(6, '0')}`, customerId: `cust-${i % 5_000}`, channel: 'phone', category: 'delivery', severity,
        description: 'bench', remedySought: '', source: 'rep', receivedBy: `rep-${i % 50}`, teamId: null, calendar: ALWAYS_OPEN, sla, deadlines, at,
      };
      appends.push({ streamId: `complaint-${complaintId}`, expectedVersion: 'no_stream', events: [{ eventId: `bench-${++ids}`, type: 'complaints.complaint-received.v1', data }] });
    }
    await events.appendMany(appends, { context: { ...context, commandId: `fill-${prefix}-${b}` } });
  }
}

/** Opens a store with `count` open complaints projected; `board()` times one round of QUERIES first pages. */
async function prepare(dir, count) {
  const events = SqliteEventStore.open(join(dir, `complaints-${count}.sqlite`), { synchronous: SYNCHRONOUS });
  const readModels = SqliteReadModelStore.open(join(dir, `complaints-${count}.read.sqlite`), { synchronous: SYNCHRONOUS });
  const runner = new ProjectionRunner(events, readModels, complaintsProjection, { batchSize: 2_000 });
  await fill(events, count, `c${count}`);
  await runner.catchUp();
  const queries = new ComplaintsQueries(readModels, new ManualClock(new Date(START.getTime() + 30 * 86_400_000)), defaultComplaintPolicy);
  for (let i = 0; i < 20; i++) await queries.slaBoard(50); // warm up
  return {
    board: async () => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < QUERIES; i++) {
        const page = await queries.slaBoard(50);
        if (page.length !== Math.min(50, count)) throw new Error(`board page of ${page.length}`);
      }
      return Number(process.hrtime.bigint() - started) / 1e6 / QUERIES;
    },
    close: async () => (await runner.stop(), await events.close(), await readModels.close()),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function complaintsBench(results) {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-complaints-'));
  try {
    const smallStore = await prepare(dir, SMALL);
    const largeStore = await prepare(dir, LARGE);
    // Interleaved rounds, medians: the machine's other load falls on both sizes alike.
    const small = [];
    const large = [];
    for (let round = 0; round < ROUNDS; round++) {
      small.push(await smallStore.board());
      large.push(await largeStore.board());
    }
    await smallStore.close();
    await largeStore.close();
    const [s, l] = [median(small), median(large)];
    console.log(`  complaints: SLA board (first 50) with ${SMALL.toLocaleString('en-US')} open ${s.toFixed(3)} ms, with ${LARGE.toLocaleString('en-US')} open ${l.toFixed(3)} ms`);
    results.push({
      name: `SLA board, ${LARGE.toLocaleString('en-US')} open complaints`,
      unit: 'boards/s',
      rapport: 1_000 / l,
      raw: undefined,
      emmett: undefined,
      goal: `≤ 2× the time with ${SMALL.toLocaleString('en-US')}: ${(l / s).toFixed(2)}×`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { complaintsBench };

if (require.main === module) {
  const results = [];
  complaintsBench(results)
    .then(() => console.table(results))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
