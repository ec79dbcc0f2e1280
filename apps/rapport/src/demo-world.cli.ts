import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { ConfigurationError, loadEnvironment } from '@rapport/platform-nest';
import { generateWholeWorld, WholeWorld, worldEnvironmentDefaults, WORLD_SERVICES } from './demo-world';
import { parsePolicy, PolicyFileError, renderWhatIf, runWhatIf } from './demo-world.report';

const USAGE =
  'usage: demo-world.cli --customers <n ≥ 1> --seed <integer> --months <n ≥ 1> [--end <YYYY-MM-DD>] [--policy <proposed-policy.json> --report <report.md>]';

/**
 * Fills an empty embedded DATA_DIR with the whole world — every service of the all-in-one driven through its real use
 * cases on a manual clock walking `--months` up to `--end` (default: now), deterministic by `--seed` — and, given
 * `--policy`, writes the sales-gating what-if of that world under the proposed policy as Markdown to `--report`:
 *   DATA_DIR=./data node -r ./tools/register-paths.js dist/apps/rapport/src/demo-world.cli.js --customers 300 --seed 42
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '300' },
      seed: { type: 'string', default: '42' },
      months: { type: 'string', default: '18' },
      end: { type: 'string' },
      policy: { type: 'string' },
      report: { type: 'string' },
    },
  });
  const customers = Number(values.customers);
  const seed = Number(values.seed);
  const months = Number(values.months);
  const end = values.end ? new Date(`${values.end}T09:00:00.000Z`) : new Date();
  if (![customers, seed, months].every(Number.isInteger) || customers < 1 || months < 1 || Number.isNaN(end.getTime()) || (values.policy === undefined) !== (values.report === undefined)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const proposed = values.policy ? parsePolicy(readFileSync(values.policy, 'utf8'), values.policy) : null;
  worldEnvironmentDefaults(process.env);
  const environment = loadEnvironment();
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const world = await WholeWorld.open(environment, new ManualClock(end));
  try {
    const heads = await world.heads();
    if (WORLD_SERVICES.some((s) => s !== 'directory' && (heads[`store:${s}`] ?? 0) > 0)) {
      process.stderr.write(`${environment.DATA_DIR} already holds events; the demo world only fills an empty store (use another DATA_DIR)\n`);
      process.exitCode = 2;
      return;
    }
    const started = Date.now();
    say(`filling ${environment.DATA_DIR}: ${customers} customers, ${months} months up to ${end.toISOString()}, seed ${seed}`);
    const summary = await generateWholeWorld(world, { customers, seed, months, end, progress: say });
    say(JSON.stringify({ dataDir: environment.DATA_DIR, seconds: Math.round((Date.now() - started) / 100) / 10, ...summary }, null, 2));
    if (proposed && values.report) {
      say(`what-if under ${proposed.version}…`);
      const run = await runWhatIf(world.app, proposed, (n) => say(`  ${n} customers replayed`));
      const command = `DATA_DIR=<empty dir> npm run demo:world -- --customers ${customers} --seed ${seed} --months ${months} --end ${end.toISOString().slice(0, 10)} --policy ${values.policy} --report ${values.report}`;
      const worldLine = `The world: ${summary.customers} customers over ${months} months (${summary.from.slice(0, 10)} to ${summary.to.slice(0, 10)}), seed ${seed}, every service of the all-in-one driven through its real use cases; ${summary.world['surveys sent'] ?? 0} surveys sent, ${['promoter', 'passive', 'detractor'].map((c) => `${summary.world[`survey answered: ${c}`] ?? 0} ${c}s`).join(', ')} answered; ${summary.world['complaints received'] ?? 0} complaints received, ${summary.world['resolutions confirmed by the customer'] ?? 0} confirmed resolved; ${summary.world['checks allowed'] ?? 0} pitches allowed by the gate.`;
      mkdirSync(dirname(values.report), { recursive: true });
      writeFileSync(values.report, renderWhatIf(run, { title: 'What-if on the demo world', command, world: worldLine }));
      say(`${run.report.differing} of ${run.report.customers} customers would be gated differently: ${values.report}`);
    }
  } finally {
    await world.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError || error instanceof PolicyFileError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(error instanceof PolicyFileError ? 2 : 1);
});
