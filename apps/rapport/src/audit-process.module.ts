import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule, type AuditOptions } from '@rapport/audit-app';
import { PlatformModule, type PlatformOptions } from '@rapport/platform-nest';

/** The services the auditor follows, in the order ties are shown (as in the all-in-one runtime). */
export const AUDITED_SERVICES = ['directory', 'customers', 'scheduler', 'feedback', 'complaints', 'sales-gating'] as const;

/**
 * The audit service alone (distributed mode): history and exports from the services' integration topics into the
 * audit's own store (A1, A2, A7), as-of from the services' stores read-only (A3), and the personal reads every
 * process served, from `rapport.audit-reads.v1`, with its own, in one queryable log (A6).
 */
@Module({})
export class AuditProcessModule {
  static forRoot(options: PlatformOptions, audit: Partial<AuditOptions> = {}): DynamicModule {
    return {
      module: AuditProcessModule,
      imports: [PlatformModule.forRoot(options), AuditModule.forRoot({ services: AUDITED_SERVICES, ...audit })],
    };
  }
}
