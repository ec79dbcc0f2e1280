import './audit-instrument';
import 'reflect-metadata';
import { ConfigurationError, loadEnvironment, rootLogger, startHttpApp } from '@rapport/platform-nest';
import { AuditProcessModule } from './audit-process.module';

/** The audit service alone in its own process: `RAPPORT_MODE=distributed` assembles history from the topics. */
async function main(): Promise<void> {
  const environment = loadEnvironment();
  await startHttpApp(AuditProcessModule.forRoot({ environment, clientId: 'rapport-audit' }), environment, {
    title: 'Rapport audit',
    description: "The auditor's API: one history per customer assembled from the services' published events, a customer as of any moment, exports, the personal-reads log",
    version: '0.1.0',
  });
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: its message says what; anything else keeps its stack.
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
