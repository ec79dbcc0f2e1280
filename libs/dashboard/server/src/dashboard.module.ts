import { Module, type DynamicModule } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DASHBOARD_OPTIONS, type DashboardOptions } from './dashboard.options';
import { DevSessionController } from './dev-session.controller';

/**
 * Serves the internal dashboard (apps/dashboard, built to dist/dashboard) at /app, and its development
 * sign-in. It reads nothing itself: the web app calls the query APIs with the signed-in person's token.
 */
@Module({})
export class DashboardModule {
  static forRoot(options: DashboardOptions = {}): DynamicModule {
    return {
      module: DashboardModule,
      // The session routes first: `app/*path` would otherwise answer them with index.html.
      controllers: [DevSessionController, DashboardController],
      providers: [{ provide: DASHBOARD_OPTIONS, useValue: options }],
    };
  }
}
