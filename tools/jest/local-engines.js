// Local engines for one jest run: which ones the selected specs need, a private run directory with free
// ports (so parallel jest runs of several people never share or stop each other's engines), start and
// stop through infra/engines/*.sh. Used by global-setup.js and global-teardown.js.
const { execFile, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '../..');
const SCRIPTS = path.join(REPO, 'infra/engines');
const RUN_PREFIX = 'rapport-jest-engines-';

/** Engine -> the variable that names it, and what in a spec (or a helper it imports) shows it is needed. */
const ENGINES = {
  postgres: { env: 'POSTGRES_URL', markers: /\bpostgresUrl\(|\bPOSTGRES_URL\b/ },
  ferretdb: { env: 'MONGODB_URL', markers: /\bmongoUrl\(|\bMONGODB_URL\b/ },
  kafka: { env: 'KAFKA_BROKERS', markers: /\bkafkaBrokers\(|\bKAFKA_BROKERS\b/ },
};
const KURRENTDB_MARKER = /\bkurrentdbUrl\(|\bKURRENTDB_URL\b/;

function walk(dir, found = []) {
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.name.endsWith('.spec.ts')) found.push(full);
  }
  return found;
}

/** The spec files this run will execute, as far as the CLI arguments tell. */
function selectedSpecs(globalConfig, projectConfig) {
  const roots = (projectConfig && projectConfig.roots) || [REPO];
  const all = roots.flatMap((root) => walk(root));
  if (globalConfig.findRelatedTests || globalConfig.onlyChanged || globalConfig.changedSince) return all;
  const ignore = ((projectConfig && projectConfig.testPathIgnorePatterns) || []).map((p) => new RegExp(p));
  let match = () => true;
  const patterns = globalConfig.testPathPatterns;
  if (patterns && typeof patterns.toExecutor === 'function' && patterns.isSet()) {
    const executor = patterns.toExecutor({ rootDir: globalConfig.rootDir });
    match = (file) => executor.isMatch(file);
  } else if (Array.isArray(patterns) && patterns.length) {
    const regexes = patterns.map((p) => new RegExp(p, 'i'));
    match = (file) => regexes.some((r) => r.test(file));
  }
  return all.filter((file) => match(file) && !ignore.some((r) => r.test(file)));
}

/** The text of a spec and of the relative modules it imports (two levels: spec -> helper -> helper). */
function sourceWithHelpers(file, depth = 2, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  if (depth === 0) return text;
  for (const [, spec] of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
    const base = path.resolve(path.dirname(file), spec);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
    if (target) text += `\n${sourceWithHelpers(target, depth - 1, seen)}`;
  }
  return text;
}

/** Which local engines the selected specs need, and whether a KurrentDB spec is among them. */
function enginesNeeded(globalConfig, projectConfig) {
  const forced = process.env.RAPPORT_TEST_ENGINES;
  const texts = selectedSpecs(globalConfig, projectConfig).map((file) => sourceWithHelpers(file));
  const kurrentdb = texts.some((text) => KURRENTDB_MARKER.test(text));
  if (forced !== undefined) {
    const names = forced === 'none' ? [] : forced.split(/[\s,]+/).filter((n) => ENGINES[n]);
    return { engines: names, kurrentdb };
  }
  return { engines: Object.keys(ENGINES).filter((name) => texts.some((text) => ENGINES[name].markers.test(text))), kurrentdb };
}

/** A Docker engine that answers `GET /_ping` within a second (the docker CLI alone does not count). */
function dockerAvailable() {
  if (process.env.RAPPORT_NO_DOCKER === '1') return Promise.resolve(false);
  const host = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  let target;
  if (host.startsWith('unix://')) {
    target = { socketPath: host.slice('unix://'.length) };
    if (!fs.existsSync(target.socketPath)) return Promise.resolve(false);
  } else if (host.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    target = { host: url.hostname, port: Number(url.port || 2375) };
  } else {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const req = http.request({ ...target, path: '/_ping', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A private run directory and ports for this jest run; the env every script and worker gets. */
async function privateSet() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_PREFIX));
  // Started as root, PostgreSQL runs as the `postgres` OS user, which must traverse the run dir.
  fs.chmodSync(dir, 0o755);
  const [pg, ferret, kafka, controller] = [await freePort(), await freePort(), await freePort(), await freePort()];
  return {
    RAPPORT_JEST_ENGINES: dir,
    RAPPORT_ENGINE_RUN: dir,
    PG_PORT: String(pg),
    FERRETDB_PORT: String(ferret),
    KAFKA_PORT: String(kafka),
    KAFKA_CONTROLLER_PORT: String(controller),
  };
}

function script(engine, action, env) {
  return new Promise((resolve) => {
    execFile(path.join(SCRIPTS, `${engine}.sh`), [action], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

/** `start`, trusting `status` over a failed start (the scripts' pid check can race the exec), one retry. */
async function startEngine(engine, env) {
  let last;
  for (let attempt = 0; attempt < 2; attempt++) {
    last = await script(engine, 'start', env);
    if (last.ok || (await script(engine, 'status', env)).ok) {
      const url = await script(engine, 'url', env);
      return url.stdout.trim();
    }
  }
  const log = [`${engine}.log`, 'postgres.log', 'install.log']
    .map((name) => path.join(env.RAPPORT_ENGINE_RUN, engine, name))
    .find((file) => fs.existsSync(file));
  const output = `${last.stderr}${last.stdout}`;
  // The scripts print the tail of the relevant log themselves when they know it; otherwise add it here.
  const tail = output.includes('last lines of') || !log ? '' : `\n--- ${log} ---\n${fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')}`;
  throw new Error(`${engine} did not start (infra/engines/${engine}.sh start):\n${output}${tail}`);
}

/** Stops every engine of the set (also those a worker started through the harness fallback). */
async function stopAll(env) {
  const results = await Promise.all(Object.keys(ENGINES).map(async (engine) => [engine, await script(engine, 'stop', env)]));
  const failed = results.filter(([, r]) => !r.ok);
  // Kept when a stop failed, so the next run's orphan sweep tries again.
  if (failed.length === 0) fs.rmSync(env.RAPPORT_ENGINE_RUN, { recursive: true, force: true });
  return failed.map(([engine, r]) => `${engine}: ${r.stderr}${r.stdout}`);
}

function stopAllSync(env) {
  let ok = true;
  for (const engine of Object.keys(ENGINES).reverse()) {
    const result = spawnSync(path.join(SCRIPTS, `${engine}.sh`), ['stop'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    ok = ok && result.status === 0;
  }
  if (ok) fs.rmSync(env.RAPPORT_ENGINE_RUN, { recursive: true, force: true });
}

const STATE = 'jest-run.json';

function writeState(env) {
  fs.writeFileSync(path.join(env.RAPPORT_ENGINE_RUN, STATE), JSON.stringify({ pid: process.pid, env }));
}

/** Engines left by a jest run that was killed before its teardown: stop them and drop their data. */
function sweepOrphans() {
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(RUN_PREFIX))) {
    const file = path.join(os.tmpdir(), name, STATE);
    let state;
    try {
      state = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    let alive = true;
    try {
      process.kill(state.pid, 0);
    } catch (error) {
      alive = error.code === 'EPERM';
    }
    if (!alive) {
      console.warn(`[engines] stopping engines left by jest pid ${state.pid} (${state.env.RAPPORT_ENGINE_RUN})`);
      stopAllSync(state.env);
    }
  }
}

module.exports = { ENGINES, enginesNeeded, dockerAvailable, privateSet, startEngine, stopAll, stopAllSync, writeState, sweepOrphans };
