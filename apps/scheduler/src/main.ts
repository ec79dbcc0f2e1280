import './instrument';
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigurationError, loadEnvironment, PlatformModule, rootLogger, startHttpApp, type PlatformOptions } from '@rapport/platform-nest';
import { SchedulerModule } from '@rapport/scheduler-app';

@Module({})
class SchedulerAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: SchedulerAppModule, imports: [PlatformModule.forRoot(options), SchedulerModule] };
  }
}

/** The scheduler service alone in its own process (S1–S3). */
async function main(): Promise<void> {
  const environment = loadEnvironment();
  await startHttpApp(SchedulerAppModule.forRoot({ environment, clientId: 'rapport-scheduler' }), environment, {
    title: 'Rapport scheduler',
    description: 'Scheduler service: durable timers for every service, follow-up cadences, task lists',
    version: '0.1.0',
  });
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: its message says what; anything else keeps its stack.
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
