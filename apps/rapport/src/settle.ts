import type { INestApplicationContext } from '@nestjs/common';
import type { InProcessBus } from '@rapport/platform-messaging';
import { ReadinessRegistry } from '@rapport/platform-nest';

/**
 * Waits until the embedded all-in-one has caught up: every topic read to its end by every consumer group, and every
 * projection, relay and reactor caught up. Names what lags when `timeoutMs` passes first.
 */
export async function settleEmbedded(app: INestApplicationContext, bus: InProcessBus, timeoutMs: number): Promise<void> {
  const readiness = app.get(ReadinessRegistry);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lagging = (await bus.consumerLag()).filter((l) => l.lag > 0);
    const report = await readiness.report();
    if (lagging.length === 0 && report.ready) return;
    if (Date.now() > deadline) {
      const stale = Object.entries(report.checks).filter(([, ok]) => !ok).map(([name]) => name);
      throw new Error(`the services did not settle: ${[...lagging.map((l) => `${l.groupId}@${l.topic}`), ...stale].join(', ')}`);
    }
    // Polling less often leaves the CPU to the work being waited for.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
