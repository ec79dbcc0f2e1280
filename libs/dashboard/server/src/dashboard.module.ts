import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, STORAGE, type Storage } from '@rapport/platform-nest';
import { DashboardController } from './dashboard.controller';
import { DASHBOARD_OPTIONS, type DashboardOptions } from './dashboard.options';
import { DevSessionController } from './dev-session.controller';
import { OidcSessionController } from './oidc-session.controller';
import { LiveHub } from './live/live-hub';
import { LiveController } from './live/live.controller';
import { StreamTickets } from './live/stream-tickets';

/**
 * Serves the internal dashboard (apps/dashboard, built to dist/dashboard) at /app, its development sign-in and
 * its live stream. It reads no store: the web app calls the query APIs with the signed-in person's token, and the
 * stream only says which of them changed (from the services' topics on the bus).
 */
@Module({})
export class DashboardModule {
  static forRoot(options: DashboardOptions = {}): DynamicModule {
    const tuning = options.live === false ? null : (options.live ?? {});
    const live = tuning ? [LiveController] : [];
    const hub = (storage: Storage, clock: Clock): LiveHub =>
      new LiveHub(() => storage.bus(), clock, {
        ...(tuning?.groupId ? { groupId: tuning.groupId } : {}),
        ...(tuning?.staleAfterMs ? { staleAfterMs: tuning.staleAfterMs } : {}),
      });
    const liveProviders: Provider[] = tuning
      ? [
          { provide: LiveHub, inject: [STORAGE, CLOCK], useFactory: hub },
          { provide: StreamTickets, useFactory: () => new StreamTickets() },
        ]
      : [];
    return {
      module: DashboardModule,
      // The session and stream routes first: `app/*path` would otherwise answer them with index.html.
      controllers: [DevSessionController, OidcSessionController, ...live, DashboardController],
      providers: [{ provide: DASHBOARD_OPTIONS, useValue: options }, ...liveProviders],
    };
  }
}
