// Starts the real engines the selected specs need, once per jest run, and hands their URLs to the workers
// through process.env (workers are forked after this and inherit it).
//
// Nothing is started when the environment already names an engine (POSTGRES_URL, MONGODB_URL,
// KAFKA_BROKERS) or when a Docker engine answers (the specs then use testcontainers, see
// libs/platform/testing/src/engines.ts). Otherwise the infra/engines scripts start the engines in a
// private run directory on free ports; global-teardown.js stops exactly that set. An engine that cannot
// start fails the run with its log: PostgreSQL, FerretDB and Kafka are never skipped silently.
// RAPPORT_TEST_ENGINES="postgres kafka" (or "none") overrides the choice.
const local = require('./local-engines');

module.exports = async function globalSetup(globalConfig, projectConfig) {
  if (globalConfig.listTests) return;
  // Test runs stay readable: the services' own logs (retries inside fault tests, request lines) are off unless a
  // developer asks for them with LOG_LEVEL. Processes a spec starts keep logging into the output it captures.
  process.env.LOG_LEVEL ??= 'silent';
  local.sweepOrphans();
  const { engines, kurrentdb } = local.enginesNeeded(globalConfig, projectConfig);
  if (kurrentdb && !process.env.KURRENTDB_URL) console.log('\nKurrentDB: skipped, KURRENTDB_URL not set');
  const wanted = engines.filter((engine) => !process.env[local.ENGINES[engine].env]);
  if (wanted.length === 0) return;
  if (await local.dockerAvailable()) {
    console.log(`\n[engines] Docker answers: testcontainers provides ${wanted.join(', ')}`);
    return;
  }

  const started = Date.now();
  const env = await local.privateSet();
  local.writeState(env);
  const state = { env, stopped: false };
  globalThis.__RAPPORT_ENGINES__ = state;
  // A run that ends without its teardown (an error in jest, Ctrl-C) still stops its engines.
  const stopNow = () => {
    if (state.stopped) return;
    state.stopped = true;
    local.stopAllSync(env);
  };
  process.once('exit', stopNow);
  if (!globalConfig.watch && !globalConfig.watchAll) {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
      process.once(signal, () => {
        stopNow();
        process.exit(code);
      });
    }
  }

  console.log(`\n[engines] starting ${wanted.join(', ')} in ${env.RAPPORT_ENGINE_RUN} (a first run installs them: up to ~80 s)`);
  const results = await Promise.allSettled(wanted.map((engine) => local.startEngine(engine, env)));
  const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
  if (failures.length) {
    stopNow();
    throw new Error(`[engines] could not start the engines the tests need:\n\n${failures.join('\n\n')}`);
  }
  Object.assign(process.env, env);
  wanted.forEach((engine, i) => (process.env[local.ENGINES[engine].env] = results[i].value));
  console.log(
    `[engines] ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      wanted.map((engine) => `${local.ENGINES[engine].env}=${process.env[local.ENGINES[engine].env]}`).join(' '),
  );
};
