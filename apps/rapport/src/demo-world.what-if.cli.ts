import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { CustomersModule } from '@rapport/customers-app';
import { ConfigurationError, loadEnvironment, PlatformModule, type PlatformOptions } from '@rapport/platform-nest';
import { SalesGatingModule } from '@rapport/sales-gating-app';
import { headsOf } from './demo-world';
import { parsePolicy, PolicyFileError, renderWhatIf, runWhatIf } from './demo-world.report';

const USAGE = 'usage: demo-world.what-if.cli --data <DATA_DIR> --policy <proposed-policy.json> [--out <report.md>]';

/** Sales gating (the what-if) and customers (the names in the report), nothing else: no scheduler fires, no reactor runs. */
@Module({})
class WhatIfModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: WhatIfModule, imports: [PlatformModule.forRoot(options), CustomersModule, SalesGatingModule] };
  }
}

/**
 * G3, G7: the policy what-if over an embedded DATA_DIR (the demo world, or any embedded install): every customer's
 * recorded gate facts replayed under the policy in force and the proposed one, a Markdown report written to --out
 * (default: stdout), nothing written to the stores (checked: the heads are compared before and after).
 *   npm run what-if -- --data ./data --policy docs/what-if-stricter-policy.json --out what-if.md
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, policy: { type: 'string' }, out: { type: 'string' } } });
  if (!values.data || !values.policy) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const proposed = parsePolicy(readFileSync(values.policy, 'utf8'), values.policy);
  process.env['DATA_DIR'] = values.data;
  const environment = loadEnvironment();
  const app = await NestFactory.createApplicationContext(WhatIfModule.forRoot({ environment }), { logger: ['warn', 'error'] });
  const progress = (line: string): void => void process.stderr.write(`${line}\n`);
  try {
    const services = ['customers', 'sales-gating'];
    const before = await headsOf(app, services);
    const run = await runWhatIf(app, proposed, (n) => progress(`${n} customers replayed`));
    const after = await headsOf(app, services);
    if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`the stores moved during the what-if: ${JSON.stringify({ before, after })}`);
    const command = `npm run what-if -- --data ${values.data} --policy ${values.policy}${values.out ? ` --out ${values.out}` : ''}`;
    const markdown = renderWhatIf(run, { title: `What-if: ${proposed.version}`, command });
    if (values.out) {
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out, markdown);
      progress(`${run.report.differing} of ${run.report.customers} customers would be gated differently: ${values.out}`);
    } else {
      process.stdout.write(markdown);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError || error instanceof PolicyFileError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(error instanceof PolicyFileError ? 2 : 1);
});
