import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { reactor, type Clock, type EventStore, type Processor, type ReadModelStore, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { startWithRetry, type ReadinessRegistry } from '@rapport/platform-nest';
import { GATE_STREAM_PREFIX, type GateChanged } from '@rapport/sales-gating-domain';
import type { GateCommands } from '../gate-commands';
import { PEOPLE, type PersonDoc } from '../read-models/people.projection';

/**
 * G3: when a customer goes FIX_FIRST, the owner and the owner's manager are alerted (a `fix-first-alerted` on the
 * gating topic, naming both and the reasons). A reactor on gating's own store; the manager is the directory's as
 * gating's copy knows it at that moment; the command id comes from the gate change, so an alert is given once.
 */
export class FixFirstReactor implements OnApplicationBootstrap, OnModuleDestroy {
  readonly processor: Processor;
  private readonly stopping = new AbortController();
  private starting: Promise<void> | undefined;

  constructor(
    events: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly commands: GateCommands,
    private readonly clock: Clock,
    readiness: ReadinessRegistry,
  ) {
    this.processor = reactor(events, readModels, {
      name: 'reactor:sales-gating-fix-first',
      eventTypes: ['sales-gating.gate-changed.v1'],
      streamPrefixes: [GATE_STREAM_PREFIX],
      logger: new Logger('sales-gating/fix-first'),
      eachEvent: (event) => this.alert(event as RecordedEvent<GateChanged>),
    });
    readiness.registerProcessor('sales-gating/fix-first', this.processor);
  }

  async onApplicationBootstrap(): Promise<void> {
    const logger = new Logger('sales-gating/fix-first');
    this.starting = (await startWithRetry('sales-gating/fix-first', () => this.processor.start(), this.stopping.signal, logger)).retrying;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await this.processor.stop();
  }

  private async alert(event: RecordedEvent<GateChanged>): Promise<void> {
    const d = event.data;
    if (d.decision.status !== 'FIX_FIRST') return;
    const owner = d.ownerId ? await this.readModels.get<PersonDoc>(PEOPLE, d.ownerId) : undefined;
    await this.commands.alertFixFirst(d.customerId, event.metadata.eventId, owner?.managerId ?? null, {
      commandId: `fix-first/${event.metadata.eventId}`,
      actor: { id: 'sales-gating/fix-first', kind: 'system', roles: ['system'] },
      now: this.clock.now(),
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.eventId,
      via: 'system',
    });
  }
}
