import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import { DomainError, type Clock, type CommandContext } from '@rapport/platform-eventsourcing';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { DIRECTORY_TOPIC, DirectoryEventTypes, type PersonStatusChangedV1 } from '@rapport/directory-contracts';
import type { ComplaintCommands } from '../complaint-commands';
import type { DirectoryCopy } from '../directory-copy/directory-copy';
import { COMPLAINTS, type ComplaintDoc } from '../read-models/complaints.projection';

/**
 * D2 for K2: when the directory says an owner left, her open complaints move at once — back to the first
 * receiver, who is accountable anyway (K2), or, when that is her, to her manager — each as a transfer with the
 * reason, so the customer is told who owns it now. One command id per leave and complaint: a redelivered
 * deactivation moves nothing twice. A complaint with nobody active to take it stays, and is logged.
 */
export class OwnerLeftConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;
  private readonly logger = new Logger('complaints/owner-left');

  constructor(
    private readonly commands: ComplaintCommands,
    private readonly directory: DirectoryCopy,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(commands.host.bus, { groupId: 'complaints-owner-left', topics: [DIRECTORY_TOPIC], handle: (m) => this.handle(m) }, 'complaints');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    const { event } = message;
    if (event.type !== DirectoryEventTypes.personDeactivated) return;
    const left = event.data as PersonStatusChangedV1;
    const owned = await this.commands.host.readModels.find<ComplaintDoc>(COMPLAINTS, { where: { ownerId: left.personId, open: true }, limit: 10_000 });
    for (const doc of owned) {
      const target = await this.takerOf(doc, left.personId);
      if (!target) {
        this.logger.warn(`complaint ${doc.reference}: ${left.personId} left and nobody active can take it (D2)`);
        continue;
      }
      const reason = `D2: ${left.personId} left (${left.reason})`;
      const context: CommandContext = {
        commandId: `owner-left/${event.id}/${doc.id}`,
        actor: { id: 'complaints', kind: 'system', roles: ['system'] },
        now: this.clock.now(),
        correlationId: event.correlationid ?? event.id,
        causationId: event.id,
        via: 'topic',
        reason,
      };
      const toOwner = await this.directory.standing(target);
      try {
        await this.commands.execute(doc.id, { type: 'transfer-complaint', toOwnerId: target, toOwner, toCalendar: await this.directory.calendarOf(toOwner.teamId), reason }, context);
      } catch (error) {
        // Moved or closed meanwhile: the stream decided; nothing to do.
        if (error instanceof DomainError) this.logger.warn(`complaint ${doc.reference} not moved: ${error.message}`);
        else throw error;
      }
    }
  }

  /** The accountable first receiver when she is someone else and active; otherwise the leaver's manager, if active. */
  private async takerOf(doc: ComplaintDoc, leaver: string): Promise<string | null> {
    if (doc.accountableId !== leaver && (await this.directory.standing(doc.accountableId)).active) return doc.accountableId;
    const manager = await this.directory.managerOf(leaver);
    return manager && manager !== leaver && (await this.directory.standing(manager)).active ? manager : null;
  }
}
