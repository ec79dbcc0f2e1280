import './instrument';
import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ConfigurationError, describeEngines, loadEnvironment, PlatformModule, rootLogger, startHttpApp, type PlatformOptions } from '@rapport/platform-nest';
import { CustomersModule } from '@rapport/customers-app';

@Module({})
class CustomersAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: CustomersAppModule, imports: [PlatformModule.forRoot(options), CustomersModule] };
  }
}

/** The customers service alone in its own process. */
async function main(): Promise<void> {
  const environment = loadEnvironment();
  await startHttpApp(CustomersAppModule.forRoot({ environment }), environment, {
    title: 'Rapport customers',
    description: 'Customers service: one record per customer, ownership, contacts, lifecycle',
    version: '0.1.0',
  });
  new Logger('customers').log(describeEngines(environment));
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: its message says what; anything else keeps its stack.
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
