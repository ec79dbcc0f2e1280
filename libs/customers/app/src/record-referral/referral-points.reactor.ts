import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, reactor, type Clock, type CommandContext, type Processor, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { ReadinessRegistry } from '@rapport/platform-nest';
import type { ReferralQualified } from '@rapport/customers-domain';
import type { CustomerCommands } from '../customer-commands';
import { activeCustomerId } from './referral.service';

const NAME = 'reactor:referral-points';

/**
 * C8/C10: when a referred customer's first purchase qualifies the referral (an event on *their* stream),
 * the referrer earns points (an event on *the referrer's* stream). Two streams, so this is a reaction:
 * a reactor on the platform's processor that sends one command per qualifying event. The command id is
 * derived from the event id, so a redelivered event is answered from the store, never awarded twice.
 */
export class ReferralPointsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  readonly processor: Processor;

  constructor(
    private readonly commands: CustomerCommands,
    private readonly clock: Clock,
    readiness: ReadinessRegistry,
  ) {
    const { events, readModels } = commands.host;
    this.processor = reactor(events, readModels, {
      name: NAME,
      eventTypes: ['customers.referral-qualified.v1'],
      logger: new Logger('customers/referral-points'),
      eachEvent: (event) => this.award(event as RecordedEvent<ReferralQualified>),
    });
    readiness.registerProcessor('customers/referral-points', this.processor);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.processor.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.processor.stop();
  }

  isCaughtUp(): Promise<boolean> {
    return this.processor.isCaughtUp();
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
