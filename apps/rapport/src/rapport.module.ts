import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@rapport/platform-nest';
import { CustomersModule } from '@rapport/customers-app';
import { SchedulerModule } from '@rapport/scheduler-app';
import { DirectoryModule } from '@rapport/directory-app';
import { AuditModule } from '@rapport/audit-app';
import { FeedbackModule } from '@rapport/feedback-app';
import { ComplaintsModule } from '@rapport/complaints-app';
import { SalesGatingModule } from '@rapport/sales-gating-app';
import { DashboardModule } from '@rapport/dashboard-server';
import { DevDirectorySeed } from './dev-directory.seed';
import { DEV_PRINCIPALS } from './dev-tokens';

/** The all-in-one runtime: every service module in one process, sharing nothing but the platform. */
@Module({})
export class RapportModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: RapportModule,
      // The directory (D1–D3) publishes the people customers checks owners against; embedded mode seeds the dev people.
      imports: [
        PlatformModule.forRoot(options),
        DirectoryModule,
        CustomersModule,
        SchedulerModule,
        FeedbackModule,
        ComplaintsModule,
        SalesGatingModule,
        // The internal dashboard (issue 14): the web app at /app, reading only the query APIs above.
        DashboardModule.forRoot({ devPeople: DEV_PRINCIPALS }),
        // A1/A2/A6/A7: the auditor reads every store of the process; each service records its personal reads in the audit's log.
        AuditModule.forRoot({ services: ['directory', 'customers', 'scheduler', 'feedback', 'complaints', 'sales-gating'] }),
      ],
      providers: [DevDirectorySeed],
    };
  }
}
