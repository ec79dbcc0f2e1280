import { Inject, type OnModuleDestroy } from '@nestjs/common';
import { STORAGE } from '../runtime/tokens';
import type { Storage } from '../runtime/storage';
import { reportConsumerLag } from './consumer-lag';
import { MetricsController } from './metrics.controller';

/** Reports this application's bus to the shared consumer-lag gauge while the application runs. */
class ConsumerLagReporter implements OnModuleDestroy {
  private readonly remove: () => void;
  constructor(@Inject(STORAGE) storage: Storage) {
    this.remove = reportConsumerLag(() => storage.bus());
  }
  onModuleDestroy(): void {
    this.remove();
  }
}

/** What PlatformModule adds for metrics: `/metrics`, `/admin/consumers`, and the lag reporter. */
export const metricsParts = { controllers: [MetricsController], providers: [ConsumerLagReporter] } as const;
