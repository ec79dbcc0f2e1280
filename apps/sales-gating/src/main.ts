import './instrument';
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigurationError, loadEnvironment, PlatformModule, rootLogger, startHttpApp, type PlatformOptions } from '@rapport/platform-nest';
import { SalesGatingModule } from '@rapport/sales-gating-app';

@Module({})
class SalesGatingAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: SalesGatingAppModule, imports: [PlatformModule.forRoot(options), SalesGatingModule] };
  }
}

/** The sales-gating service alone in its own process (G1–G9). */
async function main(): Promise<void> {
  const environment = loadEnvironment();
  await startHttpApp(SalesGatingAppModule.forRoot({ environment, clientId: 'rapport-sales-gating' }), environment, {
    title: 'Rapport sales gating',
    description: 'Sales-gating service: may we sell to this customer now? Gates per customer, pitch checks, contact pressure, quotes, policy versions',
    version: '0.1.0',
  });
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: its message says what; anything else keeps its stack.
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
