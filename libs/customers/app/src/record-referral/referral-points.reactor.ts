import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainError, type Clock, type CommandContext, type RecordedEvent, type Unsubscribe } from '@rapport/platform-eventsourcing';
import type { ReadinessRegistry } from '@rapport/platform-nest';
import type { ReferralQualified } from '@rapport/customers-domain';
import type { CustomerCommands } from '../customer-commands';
import { activeCustomerId } from './referral.service';

const NAME = 'reactor:referral-points';

/**
 * C8/C10: when a referred customer's first purchase qualifies the referral (an event on *their* stream),
 * the referrer earns points (an event on *the referrer's* stream). Two streams, so this is a reaction:
 * it follows the store from a checkpoint and sends one command per qualifying event. The command id is
 * derived from the event id, so a redelivered event is answered from the store, never awarded twice.
 */
export class ReferralPointsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private unsubscribe: Unsubscribe | undefined;
  private position = 0;

  constructor(
    private readonly commands: CustomerCommands,
    private readonly clock: Clock,
    readiness: ReadinessRegistry,
  ) {
    readiness.register({ name: 'customers/referral-points', isCaughtUp: () => this.isCaughtUp() });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { events, readModels } = this.commands.host;
    this.position = (await readModels.checkpoint(NAME))?.position ?? 0;
    this.unsubscribe = events.subscribeToAll({
      after: this.position,
      onEvents: async (batch) => {
        for (const event of batch) if (event.type === 'customers.referral-qualified.v1') await this.award(event as RecordedEvent<ReferralQualified>);
        const last = batch[batch.length - 1]!.metadata.globalPosition;
        await readModels.commit(NAME, [], { position: last, version: 1 });
        this.position = last;
      },
      onError: (error) => console.error('referral points reactor failed; retrying', error),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  async isCaughtUp(): Promise<boolean> {
    return this.position >= (await this.commands.host.events.headPosition());
  }

  private async award(event: RecordedEvent<ReferralQualified>): Promise<void> {
    const referrer = await activeCustomerId(this.commands, event.data.referrerId);
    if (!referrer) return; // the referrer was never registered: nothing to credit
    const context: CommandContext = {
      commandId: `referral-points/${event.metadata.eventId}`,
      actor: { id: 'customers/referral-points', kind: 'system', roles: ['system'] },
      now: this.clock.now(),
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.eventId,
      via: 'system',
      reason: `first purchase of referred customer ${event.data.customerId}`,
    };
    try {
      await this.commands.execute(referrer, { type: 'award-referral-points', referredCustomerId: event.data.customerId }, context);
    } catch (error) {
      // A referrer merged away between the lookup and the award: the next delivery follows the merge.
      if (!(error instanceof DomainError && error.code === 'customer-merged')) throw error;
      throw new Error(`referrer ${referrer} was merged meanwhile; retrying`);
    }
  }
}
