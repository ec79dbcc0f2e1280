import './instrument';
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigurationError, loadEnvironment, PlatformModule, rootLogger, startHttpApp, type PlatformOptions } from '@rapport/platform-nest';
import { ComplaintsModule } from '@rapport/complaints-app';

@Module({})
class ComplaintsAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: ComplaintsAppModule, imports: [PlatformModule.forRoot(options), ComplaintsModule] };
  }
}

/** The complaints service alone in its own process (K1–K7). */
async function main(): Promise<void> {
  const environment = loadEnvironment();
  await startHttpApp(ComplaintsAppModule.forRoot({ environment, clientId: 'rapport-complaints' }), environment, {
    title: 'Rapport complaints',
    description: 'Complaints service: intake from any channel, ownership until the customer confirms, SLAs in business hours, trends',
    version: '0.1.0',
  });
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: its message says what; anything else keeps its stack.
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
