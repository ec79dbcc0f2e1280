import { Inject, type OnModuleDestroy } from '@nestjs/common';
import { countCommands } from '@rapport/platform-observability';
import { STORAGE } from '../runtime/tokens';
import type { Storage } from '../runtime/storage';
import { ReadinessRegistry } from '../runtime/readiness';
import { reportConsumerLag } from './consumer-lag';
import { reportDeadLetters } from './dead-letters';
import { MetricsController } from './metrics.controller';
import { reportProcessorLag } from './processor-lag';

/**
 * Reports this application's bus (consumer lag, dead-letter depth) and processors (relay, projection and reactor
 * lag) to the shared gauges while the application runs, and counts the process's commands.
 */
class MetricsReporter implements OnModuleDestroy {
  private readonly removals: (() => void)[];
  constructor(@Inject(STORAGE) storage: Storage, @Inject(ReadinessRegistry) readiness: ReadinessRegistry) {
    countCommands();
    const bus = () => storage.bus();
    this.removals = [reportConsumerLag(bus), reportDeadLetters(bus), reportProcessorLag(readiness)];
  }
  onModuleDestroy(): void {
    for (const remove of this.removals) remove();
  }
}

/** What PlatformModule adds for metrics: `/metrics`, `/admin/consumers`, and the reporters. */
export const metricsParts = { controllers: [MetricsController], providers: [MetricsReporter] } as const;
