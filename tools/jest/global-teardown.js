// Stops the engine set global-setup.js started (and deletes its data); nothing when it started none.
const local = require('./local-engines');

module.exports = async function globalTeardown() {
  const state = globalThis.__RAPPORT_ENGINES__;
  if (!state || state.stopped) return;
  state.stopped = true;
  const started = Date.now();
  const failures = await local.stopAll(state.env);
  if (failures.length) {
    throw new Error(`[engines] could not stop cleanly (${state.env.RAPPORT_ENGINE_RUN}):\n${failures.join('\n')}`);
  }
  console.log(`[engines] stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};
