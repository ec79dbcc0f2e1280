// Commands under load (issue 7, item 9): registration at 50 concurrent clients on the all-in-one runtime,
// beside a bare Nest endpoint doing one durable SQLite insert per request, both driven by the same client in
// one run. Each server runs in its own process (built runtime: dist/), SQLite synchronous=FULL on both.
//
//   npm run bench                                  (rows of the main table)
//   BENCH_LOAD_SECONDS=10 node -r ./tools/register-paths.js tools/bench/commands-under-load.js   alone
//   BENCH_PROFILE=1 …                              also writes a CPU profile of the runtime (--cpu-prof) to the data dir
//   BENCH_FSYNCS=1 …                               runs the runtime under strace and prints its fsyncs per store file
//                                                  per registration (strace slows it: compare counts, not rates)
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { TokenService } = require('@rapport/platform-nest');

const ROOT = join(__dirname, '../..');
const SECRET = 'bench-secret-with-at-least-32-characters!';
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
const WARMUP_SECONDS = 2;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { freePort, sleep, percentile } = require('./fixtures');

async function start(script, args, env, ready, wrapper = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-load-'));
  const port = await freePort();
  const [command, ...commandArgs] = [...wrapper, process.execPath, ...args, script];
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Under a wrapper (strace) the runtime is the wrapper's child: its own process group gets the stop signal.
    detached: wrapper.length > 0,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await ready(base).catch(() => false)) break;
    if (i > 300 || child.exitCode !== null) throw new Error(`${script} did not start`);
    await sleep(100);
  }
  return {
    base,
    dataDir,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (wrapper.length > 0) process.kill(-child.pid, 'SIGINT');
      else child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * The same client for both: CLIENTS loops on Node's fetch (keep-alive), each sending its next request when
 * the previous answered. Latencies of the warm-up are dropped.
 */
async function drive(base, path, headers, bodyOf, expected = 201) {
  const latencies = [];
  let failures = 0;
  let answered = 0;
  let counter = 0;
  const warmEnd = Date.now() + WARMUP_SECONDS * 1000;
  const end = warmEnd + SECONDS * 1000;
  const loop = async () => {
    while (Date.now() < end) {
      const n = counter++;
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(bodyOf(n)) });
      await response.arrayBuffer();
      if (response.status !== expected) failures++;
      else answered++;
      if (Date.now() > warmEnd) latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, loop));
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / SECONDS, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, failures, answered };
}

const customer = (n) => ({ name: `Customer ${n}`, phone: `+1 415 ${String(200 + Math.floor(n / 10_000)).padStart(3, '0')} ${String(n % 10_000).padStart(4, '0')}`, email: `customer-${n}@example.com` });

async function bareRound() {
  const bare = await start('tools/bench/bare-insert-server.js', ['-r', './tools/register-paths.js'], {}, async (base) => (await fetch(`${base}/customers`, { method: 'OPTIONS' })).status < 500);
  try {
    return await drive(bare.base, '/customers', {}, customer);
  } finally {
    await bare.stop();
    rmSync(bare.dataDir, { recursive: true, force: true });
  }
}

/**
 * fsyncs per store file per registration, from an strace log of the runtime: only the calls after it was
 * ready, divided by the registrations answered (warm-up included, as its fsyncs are).
 */
function fsyncsPerRegistration(log, skipLines, dataDir, registrations) {
  const counts = new Map();
  for (const entry of readFileSync(log, 'utf8').split('\n').slice(skipLines)) {
    const call = /\b(?:fsync|fdatasync)\(\d+<([^>]+)>/.exec(entry);
    if (call) counts.set(call[1].replace(dataDir, 'DATA_DIR'), (counts.get(call[1].replace(dataDir, 'DATA_DIR')) ?? 0) + 1);
  }
  const rows = [...counts].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((n, [, c]) => n + c, 0);
  return [
    `  fsyncs per registration (${registrations} registrations): ${(total / registrations).toFixed(2)}`,
    ...rows.map(([file, n]) => `    ${(n / registrations).toFixed(3).padStart(7)}  ${String(n).padStart(6)}  ${file}`),
  ].join('\n');
}

async function appRound(round) {
  const profile = process.env.BENCH_PROFILE && round === 0 ? ['--cpu-prof', '--cpu-prof-dir', join(tmpdir(), 'rapport-bench-profile')] : [];
  const log = join(tmpdir(), `rapport-bench-fsyncs-${process.pid}-${round}.log`);
  const strace = process.env.BENCH_FSYNCS ? ['strace', '-f', '-y', '-e', 'trace=fsync,fdatasync', '-o', log] : [];
  const app = await start(
    'dist/apps/rapport/src/main.js',
    [...profile, '-r', './tools/register-paths.js'],
    { JWT_SECRET: SECRET, RAPPORT_DEV_TOKENS: 'false', LOG_LEVEL: 'warn', SQLITE_SYNCHRONOUS: 'FULL', DIRECTORY_REQUIRED: 'false' },
    async (base) => (await fetch(`${base}/health`)).ok,
    strace,
  );
  try {
    const auth = `Bearer ${new TokenService(SECRET).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    const skipLines = strace.length > 0 ? readFileSync(log, 'utf8').split('\n').length - 1 : 0;
    const run = await drive(app.base, '/api/v1/customers', { authorization: auth }, customer);
    if (strace.length > 0) console.log(fsyncsPerRegistration(log, skipLines, app.dataDir, run.answered));
    return run;
  } finally {
    if (strace.length > 0) rmSync(log, { force: true });
    await app.stop();
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}

const line = (label, run) =>
  `  ${label.padEnd(40)} ${Math.round(run.rate).toLocaleString('en-US').padStart(7)} req/s  p50 ${run.p50.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms  (${run.count} requests, ${run.failures} not 201)`;

async function commandsUnderLoad(results) {
  console.log(`\nCommands under load: ${CLIENTS} concurrent clients, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, ${ROUNDS} interleaved rounds, SQLite synchronous=FULL`);
  const bareRuns = [];
  const appRuns = [];
  // Interleaved, so background load on the shared disk hits both alike; medians reported.
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await bareRound());
    console.log(line(`bare Nest + one SQLite insert (round ${round + 1})`, bareRuns.at(-1)));
    appRuns.push(await appRound(round));
    console.log(line(`rapport POST /api/v1/customers (round ${round + 1})`, appRuns.at(-1)));
  }
  const bare = { rate: median(bareRuns.map((r) => r.rate)), p99: median(bareRuns.map((r) => r.p99)) };
  const app = { rate: median(appRuns.map((r) => r.rate)), p99: median(appRuns.map((r) => r.p99)) };
  const failures = [...bareRuns, ...appRuns].reduce((n, r) => n + r.failures, 0);
  // Ratios per round (each pair ran back to back), then their median: the disk's drift between rounds cancels.
  const share = median(appRuns.map((r, i) => r.rate / bareRuns[i].rate));
  const p99Ratio = median(appRuns.map((r, i) => r.p99 / bareRuns[i].p99));
  results.push({
    name: `registration at ${CLIENTS} clients, SQLite FULL; bare Nest + one durable insert per request in the ceiling column`,
    unit: 'requests/s',
    rapport: app.rate,
    raw: bare.rate,
    emmett: undefined,
    goal: `≥ 60% of bare (median of per-round ratios): ${Math.round(share * 100)}% ${share >= 0.6 ? 'met' : 'NOT met'}`,
  });
  results.push({
    name: `registration at ${CLIENTS} clients, p99 latency; the bare endpoint's p99 in the ceiling column`,
    unit: 'ms',
    rapport: app.p99,
    raw: bare.p99,
    emmett: undefined,
    goal: `≤ 2× bare (median of per-round ratios): ${p99Ratio.toFixed(2)}× ${p99Ratio <= 2 ? 'met' : 'NOT met'}${failures ? `; ${failures} answers not 201` : ''}`,
  });
}

module.exports = { commandsUnderLoad, start, drive };

if (require.main === module) {
  const results = [];
  commandsUnderLoad(results)
    .then(() => console.log(results))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
