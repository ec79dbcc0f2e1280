import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { reactor, type Clock, type EventStore, type Processor, type ReadModelStore, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { startWithRetry, type ReadinessRegistry } from '@rapport/platform-nest';
import { TIMER_STREAM_PREFIX, type CadenceCommand, type TimerFired } from '@rapport/scheduler-domain';
import { FOLLOW_UP_TIMER_PREFIX, REVIEW_TIMER_PREFIX } from './cadence-timers';
import type { CadenceWorkflow } from './cadence-workflow';

/**
 * When a customer's follow-up or review timer fired, the cadence notes it and arms the next one (S1: the next
 * follow-up counts from the one that came due; C4/C6: the next review is the next moment after this one).
 * A reactor on the scheduler's own store; the command id comes from the firing's event id.
 */
export class CadenceFiringsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  readonly processor: Processor;
  private readonly stopping = new AbortController();
  private starting: Promise<void> | undefined;

  constructor(
    events: EventStore,
    checkpoints: ReadModelStore,
    private readonly workflow: CadenceWorkflow,
    private readonly clock: Clock,
    readiness: ReadinessRegistry,
  ) {
    this.processor = reactor(events, checkpoints, {
      name: 'reactor:cadence-firings',
      eventTypes: ['scheduler.timer-fired.v1'],
      streamPrefixes: [`${TIMER_STREAM_PREFIX}${FOLLOW_UP_TIMER_PREFIX}`, `${TIMER_STREAM_PREFIX}${REVIEW_TIMER_PREFIX}`],
      logger: new Logger('scheduler/cadence-firings'),
      eachEvent: (event) => this.noteFiring(event as RecordedEvent<TimerFired>),
    });
    readiness.registerProcessor('scheduler/cadence-firings', this.processor);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Retried in the background while the event store or read models are still away at start-up (a network
    // engine not yet connected): the process stays up and not ready instead of exiting.
    const logger = new Logger('scheduler/cadence-firings');
    this.starting = (await startWithRetry('scheduler/cadence-firings', () => this.processor.start(), this.stopping.signal, logger)).retrying;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await this.processor.stop();
  }

  private async noteFiring(event: RecordedEvent<TimerFired>): Promise<void> {
    const { timerId, dueAt } = event.data;
    const command: CadenceCommand | undefined = timerId.startsWith(FOLLOW_UP_TIMER_PREFIX)
      ? { type: 'note-follow-up-due', customerId: timerId.slice(FOLLOW_UP_TIMER_PREFIX.length), dueAt }
      : timerId.startsWith(REVIEW_TIMER_PREFIX)
        ? { type: 'note-review-due', customerId: timerId.slice(REVIEW_TIMER_PREFIX.length), dueAt }
        : undefined;
    if (!command) return;
    await this.workflow.handle(command, {
      commandId: `cadence/fired/${event.metadata.eventId}`,
      actor: { id: 'scheduler/cadence', kind: 'timer', roles: ['system'] },
      now: this.clock.now(),
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.eventId,
      via: 'timer',
    });
  }
}
