import './instrument';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigurationError, loadEnvironment, startHttpApp, TokenService } from '@rapport/platform-nest';
import { DEV_PRINCIPALS } from './dev-tokens';
import { RapportModule } from './rapport.module';

async function main(): Promise<void> {
  const environment = loadEnvironment();
  const app = await startHttpApp(RapportModule.forRoot({ environment }), environment, {
    title: 'Rapport',
    description: 'Event-sourced customer-relationship backbone (all services in one process)',
    version: '0.1.0',
  });
  if (environment.RAPPORT_DEV_TOKENS === 'true') {
    const tokens = app.get(TokenService);
    const lines = DEV_PRINCIPALS.map((p) => `  ${p.id.padEnd(12)} (${p.roles.join(', ')}): ${tokens.issue(p)}`);
    new Logger('rapport').log(`development tokens (valid 12 h; RAPPORT_DEV_TOKENS=false to hide):\n${lines.join('\n')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
