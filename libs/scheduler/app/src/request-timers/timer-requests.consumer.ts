import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import { DomainError, type Clock, type CommandContext } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type IncomingMessage, type MessageBus } from '@rapport/platform-messaging';
import { SCHEDULER_TOPIC, SchedulerEventTypes, type TimerCancelledV1, type TimerRequestedV1 } from '@rapport/scheduler-contracts';
import type { TimerCommand } from '@rapport/scheduler-domain';
import type { TimerCommands } from '../timer-commands';

const isText = (value: unknown, max = 500): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Checks a request's payload against the v1 contract; a message no retry can fix is dead-lettered with the reason. */
export function timerCommandOf(type: string, data: unknown, now: Date): TimerCommand | undefined {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (!isText(d['timerId']) || !isText(d['ownerService'], 100)) throw new PoisonMessageError(`${type}: timerId and ownerService are required strings`);
  const timerId = d['timerId'];
  const ownerService = d['ownerService'];
  switch (type) {
    case SchedulerEventTypes.timerRequested: {
      const deliver = (typeof d['deliver'] === 'object' && d['deliver'] !== null ? d['deliver'] : {}) as Record<string, unknown>;
      if (!isText(d['dueAt'], 40)) throw new PoisonMessageError(`${type}: dueAt is a required ISO 8601 instant`);
      if (!isText(deliver['topic'], 249) || !isText(deliver['type'], 200) || !('data' in deliver)) {
        throw new PoisonMessageError(`${type}: deliver needs topic, type and data`);
      }
      const request = d as unknown as TimerRequestedV1;
      return { type: 'schedule-timer', timerId, ownerService, dueAt: request.dueAt, deliver: { topic: request.deliver.topic, type: request.deliver.type, data: request.deliver.data }, now };
    }
    case SchedulerEventTypes.timerCancelled:
      return { type: 'cancel-timer', timerId, ownerService: (d as unknown as TimerCancelledV1).ownerService, now };
    default:
      return undefined;
  }
}

/**
 * S2: timers for everyone else (K3, F3, F4, G5 ...): requests arrive on `rapport.scheduler.v1`. The command id
 * is the request's CloudEvent id, so a redelivered request is answered from the store; the timer id makes a
 * repeated request (a new message) idempotent too.
 */
export class TimerRequestsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    bus: MessageBus,
    private readonly timers: TimerCommands,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'scheduler-timer-requests', topics: [SCHEDULER_TOPIC], handle: (m) => this.handle(m) }, 'scheduler');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    const { event } = message;
    // The scheduler's own messages on this topic (timer-fired, follow-up-due) are for others.
    if (event.type !== SchedulerEventTypes.timerRequested && event.type !== SchedulerEventTypes.timerCancelled) return;
    const now = this.clock.now();
    const command = timerCommandOf(event.type, event.data, now);
    if (!command) return;
    const context: CommandContext = {
      commandId: `request/${event.id}`,
      actor: { id: event.source, kind: 'system', roles: ['system'] },
      now,
      correlationId: event.correlationid ?? event.id,
      causationId: event.id,
      via: 'topic',
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    };
    try {
      await this.timers.execute(command, context);
    } catch (error) {
      if (error instanceof DomainError) throw new PoisonMessageError(`${error.rule ?? 'S2'} ${error.code}: ${error.message}`);
      throw error;
    }
  }
}
