import './instrument';
import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ConfigurationError, describeEngines, loadEnvironment, PlatformModule, rootLogger, startHttpApp, type PlatformOptions } from '@rapport/platform-nest';
import { DirectoryModule } from '@rapport/directory-app';

@Module({})
class DirectoryAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: DirectoryAppModule, imports: [PlatformModule.forRoot(options), DirectoryModule] };
  }
}

/** The directory alone in its own process: admin API, SCIM for the identity provider, the rapport.directory.v1 topic. */
async function main(): Promise<void> {
  const environment = loadEnvironment();
  await startHttpApp(DirectoryAppModule.forRoot({ environment }), environment, {
    title: 'Rapport directory',
    description: 'Organisation directory: people, teams, business calendars (D1–D3); SCIM 2.0 at /scim/v2',
    version: '0.1.0',
  });
  new Logger('directory').log(describeEngines(environment));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
