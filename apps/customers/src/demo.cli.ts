import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { ConfigurationError, loadEnvironment, PlatformModule, type PlatformOptions } from '@rapport/platform-nest';
import { CustomersModule, demoServicesOf, generateDemo } from '@rapport/customers-app';
import { parseArgs } from 'node:util';

@Module({})
class CustomersDemoModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: CustomersDemoModule, imports: [PlatformModule.forRoot(options), CustomersModule] };
  }
}

/**
 * Fills the embedded storage under DATA_DIR with demo customers and their history, through the real
 * use cases, with a manual clock that walks from `--months` ago to now:
 *   DATA_DIR=./data node -r ./tools/register-paths.js dist/apps/customers/src/demo.cli.js --customers 300 --seed 42
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '300' },
      seed: { type: 'string', default: '42' },
      months: { type: 'string', default: '18' },
    },
  });
  const customers = Number(values.customers);
  const seed = Number(values.seed);
  const months = Number(values.months);
  if (![customers, seed, months].every(Number.isInteger) || customers < 1 || months < 1) {
    console.error('usage: demo.cli --customers <n ≥ 1> --seed <integer> --months <n ≥ 1>');
    process.exit(2);
  }
  // Generated data is not worth an fsync per commit (tens of thousands of them); WAL with NORMAL still
  // survives a crash of this process. An explicit SQLITE_SYNCHRONOUS wins.
  process.env['SQLITE_SYNCHRONOUS'] ??= 'NORMAL';
  // The demo runs customers alone, with made-up reps and no directory to vouch for them (D1): bootstrapping mode.
  process.env['DIRECTORY_REQUIRED'] ??= 'false';
  const environment = loadEnvironment();
  const end = new Date();
  const clock = new ManualClock(end);
  const app = await NestFactory.createApplicationContext(CustomersDemoModule.forRoot({ environment, clock }), { logger: ['warn', 'error'] });
  try {
    const services = demoServicesOf(app);
    if ((await services.commands.host.events.headPosition()) > 0) {
      console.error(`${environment.DATA_DIR} already holds customer events; the demo only fills an empty store (use another DATA_DIR)`);
      process.exitCode = 2;
      return;
    }
    const started = Date.now();
    const summary = await generateDemo(services, clock, { customers, seed, months, end });
    console.log(JSON.stringify({ dataDir: environment.DATA_DIR, seconds: Math.round((Date.now() - started) / 100) / 10, ...summary }, null, 2));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
