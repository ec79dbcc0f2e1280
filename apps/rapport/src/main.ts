import './instrument';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigurationError, describeEngines, loadEnvironment, rootLogger, startHttpApp, TokenService } from '@rapport/platform-nest';
import { DEV_PRINCIPALS } from './dev-tokens';
import { RapportModule } from './rapport.module';

async function main(): Promise<void> {
  const environment = loadEnvironment();
  const app = await startHttpApp(RapportModule.forRoot({ environment }), environment, {
    title: 'Rapport',
    description: 'Event-sourced customer-relationship backbone (all services in one process)',
    version: '0.1.0',
  });
  const logger = new Logger('rapport');
  logger.log(describeEngines(environment));
  logger.log(`sign-in: ${environment.OIDC_ISSUER ? `OIDC tokens from ${environment.OIDC_ISSUER}, ` : ''}development tokens, API keys`);
  if (environment.RAPPORT_DEV_TOKENS === 'true') {
    const tokens = app.get(TokenService);
    const lines = DEV_PRINCIPALS.map((p) => `  ${p.id.padEnd(12)} (${p.roles.join(', ')}): ${tokens.issue(p)}`);
    const secret = environment.JWT_SECRET ? 'JWT_SECRET' : `the secret in ${environment.DATA_DIR}/.jwt-secret`;
    logger.log(`development tokens (valid 12 h, signed with ${secret}; RAPPORT_DEV_TOKENS=false to hide):\n${lines.join('\n')}`);
  }
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: its message says what; anything else keeps its stack.
  if (error instanceof ConfigurationError) rootLogger().fatal(error.message);
  else rootLogger().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
