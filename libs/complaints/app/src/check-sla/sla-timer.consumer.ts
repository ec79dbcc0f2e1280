import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import { DomainError, type Clock, type CommandContext } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type IncomingMessage } from '@rapport/platform-messaging';
import { COMPLAINTS_TIMERS_TOPIC, SlaDueType, type SlaDueV1 } from '@rapport/complaints-contracts';
import type { ComplaintCommands } from '../complaint-commands';

/**
 * K3 via S2: the scheduler delivers `sla-due` when a clock's deadline comes. The complaint stream decides
 * whether it ran out (a clock paused or met since changes nothing) and breaches and escalates once per clock:
 * a redelivery, or the same delivery after a restart, finds the breach already recorded. The command id is
 * the delivery's CloudEvent id (one per timer and due time), so a copy is answered from the store as well.
 */
export class SlaTimerConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    private readonly commands: ComplaintCommands,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(commands.host.bus, { groupId: 'complaints-sla-timers', topics: [COMPLAINTS_TIMERS_TOPIC], handle: (m) => this.handle(m) }, 'complaints');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    const { event } = message;
    if (event.type !== SlaDueType) return;
    const data = event.data as Partial<SlaDueV1> | null;
    if (typeof data?.complaintId !== 'string' || data.complaintId === '') throw new PoisonMessageError(`${SlaDueType}: complaintId is required`);
    const context: CommandContext = {
      commandId: `sla-due/${event.id}`,
      actor: { id: 'scheduler', kind: 'timer', roles: ['system'] },
      now: this.clock.now(),
      correlationId: event.correlationid ?? event.id,
      causationId: event.id,
      via: 'timer',
      reason: `${data.clock ?? 'sla'} deadline ${data.dueAt ?? ''}`,
    };
    try {
      await this.commands.execute(data.complaintId, { type: 'check-sla' }, context);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') return; // nothing to check
      throw error;
    }
  }
}
