import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Clock, CommandContext, ProjectionRunner, ReadModelStore } from '@rapport/platform-eventsourcing';
import { fireCommandId } from '@rapport/scheduler-domain';
import { TIMER_INDEX, type TimerDoc } from '../read-models/timer-index.projection';
import type { DueTimer, TimerCommands } from '../timer-commands';

export interface FiringOptions {
  /** Timers fired per atomic append; the loop yields to the event loop between batches. */
  readonly batchSize: number;
  /** How often the loop looks for due timers when not told (wall-clock milliseconds). */
  readonly pollMs: number;
}

export const defaultFiringOptions: FiringOptions = { batchSize: 500, pollMs: 1_000 };

export interface FiringReport {
  readonly asOf: string;
  readonly fired: number;
  readonly refused: number;
  readonly batches: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * S3: fires every pending timer whose due time has come, oldest first, in batches from the due-time index
 * (`status, dueAt`), yielding to the event loop between batches so HTTP and consumers keep answering while
 * thousands fire. After a restart the same query finds everything missed during the downtime, in due order.
 * One pass at a time; the time is the injected clock's.
 */
export class FiringLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<FiringReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the background passes run (the service) or only `fireDue` calls (tools, tests). */
  private started = false;
  private stopped = false;
  private readonly logger = new Logger('scheduler/firing');

  constructor(
    private readonly timers: TimerCommands,
    private readonly index: ReadModelStore,
    private readonly indexRunner: ProjectionRunner,
    private readonly clock: Clock,
    private readonly options: FiringOptions = defaultFiringOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.started = true;
    this.plan(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Fires everything due by the clock's now; resolves with what it did. Concurrent calls share one pass. */
  fireDue(): Promise<FiringReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private plan(delayMs: number): void {
    if (this.stopped || !this.started) return;
    this.timer = setTimeout(() => {
      this.fireDue()
        .catch((error: unknown) => this.logger.error(`firing pass failed; retrying (${error instanceof Error ? error.message : String(error)})`))
        .finally(() => this.plan(this.options.pollMs));
    }, delayMs);
  }

  private async pass(): Promise<FiringReport> {
    const now = this.clock.now();
    const asOf = now.toISOString();
    let fired = 0;
    let refused = 0;
    let batches = 0;
    // The index must show every timer scheduled so far, or one due now could wait for the next pass.
    await this.indexRunner.waitFor(await this.timers.events.headPosition(), 10_000);
    for (;;) {
      const due = await this.index.find<TimerDoc>(TIMER_INDEX, {
        where: { status: 'pending', dueAt: { lte: asOf } },
        orderBy: [{ field: 'dueAt' }, { field: 'id' }],
        limit: this.options.batchSize,
      });
      if (due.length === 0) break;
      const outcome = await this.timers.fireBatch(
        due.map((d): DueTimer => ({ timerId: d.id, dueAt: d.dueAt })),
        (timer) => this.contextOf(timer, now),
      );
      batches += 1;
      fired += outcome.fired.length;
      refused += outcome.refused;
      const head = Math.max(outcome.position, await this.timers.events.headPosition());
      const caughtUp = await this.indexRunner.waitFor(head, 10_000);
      // Nothing fired (all refused: moved, cancelled or fired elsewhere meanwhile) or the index is behind: the next pass goes on.
      if (outcome.fired.length === 0 || !caughtUp || this.stopped) break;
      await yieldToEventLoop();
    }
    if (fired > 0) this.logger.log(`fired ${fired} timer(s) due by ${asOf} in ${batches} batch(es)`);
    return { asOf, fired, refused, batches };
  }

  private contextOf(timer: DueTimer, now: Date): CommandContext {
    const commandId = fireCommandId(timer.timerId, timer.dueAt);
    return {
      commandId,
      actor: { id: 'scheduler', kind: 'timer', roles: ['system'] },
      now,
      correlationId: commandId,
      causationId: commandId,
      via: 'timer',
    };
  }
}
