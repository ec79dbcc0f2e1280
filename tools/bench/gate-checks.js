// Sales-gating row of `npm run bench` (issue 12): single "may rep R pitch to customer X now?" checks over HTTP at 50
// concurrent clients, on the built all-in-one runtime (SQLite FULL; the gates of BENCH_GATE_CUSTOMERS customers
// registered over HTTP first and projected by the sales-gating service), beside a bare Nest endpoint reading one SQLite
// row per request (tools/bench/bare-read-server.js), driven by the same client, rounds interleaved, medians reported.
//
//   npm run build && BENCH_LOAD_SECONDS=10 node -r ./tools/register-paths.js tools/bench/gate-checks.js   alone
const { rmSync } = require('node:fs');
const { TokenService } = require('@rapport/platform-nest');
const { start, drive } = require('./commands-under-load');
const { sleep } = require('./fixtures');

const SECRET = 'bench-secret-with-at-least-32-characters!';
const CUSTOMERS = Number(process.env.BENCH_GATE_CUSTOMERS ?? 300);
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function bareRound() {
  const bare = await start('tools/bench/bare-read-server.js', ['-r', './tools/register-paths.js'], { BENCH_ROWS: String(CUSTOMERS) }, async (base) => (await fetch(`${base}/checks`, { method: 'OPTIONS' })).status < 500);
  try {
    return await drive(bare.base, '/checks', {}, (n) => ({ customerId: `c-${n % CUSTOMERS}` }), 200);
  } finally {
    await bare.stop();
    rmSync(bare.dataDir, { recursive: true, force: true });
  }
}

async function appRound() {
  const app = await start(
    'dist/apps/rapport/src/main.js',
    ['-r', './tools/register-paths.js'],
    { JWT_SECRET: SECRET, RAPPORT_DEV_TOKENS: 'false', LOG_LEVEL: 'warn', SQLITE_SYNCHRONOUS: 'FULL', DIRECTORY_REQUIRED: 'false' },
    async (base) => (await fetch(`${base}/health`)).ok,
  );
  try {
    const auth = `Bearer ${new TokenService(SECRET).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    const headers = { authorization: auth, 'content-type': 'application/json' };
    const ids = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const response = await fetch(`${app.base}/api/v1/customers`, { method: 'POST', headers, body: JSON.stringify({ name: `Gate ${i}`, email: `gate-${i}@example.com` }) });
      ids.push((await response.json()).customerId);
    }
    // The gates exist once sales-gating has taken the registrations from the customers topic.
    for (let tries = 0; ; tries++) {
      const gate = await fetch(`${app.base}/api/v1/sales-gating/customers/${ids.at(-1)}/gate`, { headers });
      if (gate.ok) break;
      if (tries > 600) throw new Error('the gates were not projected');
      await sleep(100);
    }
    return await drive(app.base, '/api/v1/sales-gating/checks', { authorization: auth }, (n) => ({ customerId: ids[n % ids.length] }), 200);
  } finally {
    await app.stop();
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}

async function gateChecksBench(results) {
  console.log(`\nGate checks over HTTP: 50 concurrent clients, ${SECONDS} s per run, ${ROUNDS} interleaved rounds, ${CUSTOMERS} customers`);
  const bareRuns = [];
  const appRuns = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await bareRound());
    console.log(`  bare Nest + one SQLite read (round ${round + 1}): ${Math.round(bareRuns.at(-1).rate)} req/s, p99 ${bareRuns.at(-1).p99.toFixed(1)} ms, ${bareRuns.at(-1).failures} not 200`);
    appRuns.push(await appRound());
    console.log(`  rapport POST /api/v1/sales-gating/checks (round ${round + 1}): ${Math.round(appRuns.at(-1).rate)} req/s, p99 ${appRuns.at(-1).p99.toFixed(1)} ms, ${appRuns.at(-1).failures} not 200`);
  }
  const share = median(appRuns.map((r, i) => r.rate / bareRuns[i].rate));
  results.push({
    name: 'gate checks over HTTP at 50 clients; bare Nest + one SQLite read per request in the ceiling column',
    unit: 'checks/s',
    rapport: median(appRuns.map((r) => r.rate)),
    raw: median(bareRuns.map((r) => r.rate)),
    emmett: undefined,
    goal: `${Math.round(share * 100)}% of the bare read (median of per-round ratios); p99 ${median(appRuns.map((r) => r.p99)).toFixed(0)} vs ${median(bareRuns.map((r) => r.p99)).toFixed(0)} ms`,
  });
}

module.exports = { gateChecksBench };

if (require.main === module) {
  const results = [];
  gateChecksBench(results).then(
    () => console.table(results),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
