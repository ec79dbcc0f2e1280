import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { uuidv7 } from '@rapport/platform-eventsourcing';
import { ConfigurationError, loadEnvironment, PlatformModule, type PlatformOptions } from '@rapport/platform-nest';
import { DIRECTORY_CLI_HELP, DirectoryCommands, DirectoryModule, runDirectoryCli } from '@rapport/directory-app';

@Module({})
class DirectoryCliModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: DirectoryCliModule, imports: [PlatformModule.forRoot(options), DirectoryModule] };
  }
}

/**
 * The directory from the command line, in embedded mode (the SQLite stores under DATA_DIR):
 *   npm run directory -- add-person rep-cy --name "Cy Cole" --roles rep --team east --manager manager-max
 *   npm run directory -- deactivate rep-cy --reason "left the company"
 *   npm run directory -- --help
 * Changes are published on rapport.directory.v1 by this process's relay, or by the running server's once it
 * catches up; consumers de-duplicate by event id, so both publishing is harmless.
 */
async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(DIRECTORY_CLI_HELP);
    return 0;
  }
  const environment = loadEnvironment();
  if (environment.RAPPORT_MODE !== 'embedded') {
    process.stderr.write('the directory CLI works on the embedded stores; in distributed mode use the admin API (/api/v1/directory) or SCIM\n');
    return 2;
  }
  const app = await NestFactory.createApplicationContext(DirectoryCliModule.forRoot({ environment }), { logger: ['warn', 'error'] });
  try {
    const now = new Date();
    const commandId = uuidv7(now.getTime());
    const actor = { id: process.env['USER'] ? `cli:${process.env['USER']}` : 'cli', kind: 'system', roles: ['admin'] } as const;
    const result = await runDirectoryCli(argv, app.get(DirectoryCommands), { commandId, actor, now, correlationId: commandId, causationId: commandId, via: 'system' });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    return result.code;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigurationError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
