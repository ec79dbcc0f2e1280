// The all-in-one with the dashboard, for the browser tests. Run with `node -r ./tools/register-paths.js`.
// Until apps/rapport imports DashboardModule itself, this adds it next to RapportModule; once it does, the
// all-in-one is started as it is (the check below), so the tests always drive what ships.
require('reflect-metadata');
const path = require('node:path');
const { loadEnvironment, startHttpApp } = require('@rapport/platform-nest');
const { RapportModule } = require('../../dist/apps/rapport/src/rapport.module');
const { DEV_PRINCIPALS } = require('../../dist/apps/rapport/src/dev-tokens');
const { DashboardModule } = require('../../dist/libs/dashboard/server/src');

async function main() {
  const environment = loadEnvironment();
  const rapport = RapportModule.forRoot({ environment });
  const wired = (rapport.imports ?? []).some((m) => m && (m === DashboardModule || m.module === DashboardModule));
  class DashboardHost {}
  const root = wired
    ? rapport
    : { module: DashboardHost, imports: [rapport, DashboardModule.forRoot({ root: path.join(__dirname, '..', '..', 'dist', 'dashboard'), devPeople: DEV_PRINCIPALS })] };
  await startHttpApp(root, environment, { title: 'Rapport', description: 'all-in-one with the dashboard (browser tests)', version: '0.1.0' });
}

main().catch((error) => {
  process.stderr.write(`host failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
