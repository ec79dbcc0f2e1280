import './instrument';
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigurationError, loadEnvironment, PlatformModule, rootLogger, startHttpApp, type PlatformOptions } from '@rapport/platform-nest';
import { FeedbackModule } from '@rapport/feedback-app';

@Module({})
class FeedbackAppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: FeedbackAppModule, imports: [PlatformModule.forRoot(options), FeedbackModule] };
  }
}

/** The feedback service alone in its own process (F1–F7). */
async function main(): Promise<void> {
  const environment = loadEnvironment();
  await startHttpApp(FeedbackAppModule.forRoot({ environment, clientId: 'rapport-feedback' }), environment, {
    title: 'Rapport feedback',
    description: 'Feedback service: NPS surveys customers answer without an account, segments with honest error bars, the closed and outer loops',
    version: '0.1.0',
  });
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: its message says what; anything else keeps its stack.
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
