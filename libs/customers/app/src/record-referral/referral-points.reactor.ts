import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, workflowReactor, type Clock, type CommandContext, type Processor, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { startWithRetry, type ReadinessRegistry } from '@rapport/platform-nest';
import type { ReferralQualified } from '@rapport/customers-domain';
import type { CustomerCommands } from '../customer-commands';
import { activeCustomerId } from './referral.service';
import { referralPointsWorkflow, type AwardReferralPointsRequest, type ReferralPointsInput } from './referral-points.workflow';

const QUALIFIED = 'customers.referral-qualified.v1';

const isQualified = (event: RecordedEvent): event is RecordedEvent<ReferralQualified> => event.type === QUALIFIED;

const inputOf = (event: RecordedEvent): ReferralPointsInput | undefined =>
  isQualified(event)
    ? { type: 'referral-qualified', referredCustomerId: event.data.customerId, referrerId: event.data.referrerId, at: event.data.at }
    : undefined;

/**
 * Runs the referral-points workflow (C8/C10, `referral-points.workflow.ts`) on the platform's processor:
 * qualifications on referred customers' streams become award commands on their referrers' streams.
 * The command id derives from the qualifying event's id, so a redelivered event is answered from the
 * store, never awarded twice; a referrer merged meanwhile is a conflict the runner retries, and the retry
 * follows the merge (C2).
 */
export class ReferralPointsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  readonly processor: Processor;
  private readonly stopping = new AbortController();
  private starting: Promise<void> | undefined;

  constructor(
    private readonly commands: CustomerCommands,
    clock: Clock,
    readiness: ReadinessRegistry,
  ) {
    const { events, readModels } = commands.host;
    this.processor = workflowReactor(events, readModels, {
      workflow: referralPointsWorkflow,
      eventTypes: [QUALIFIED],
      toInput: inputOf,
      // The checkpoint of the reactor this workflow replaced: an upgrade does not replay history.
      checkpointName: 'reactor:referral-points',
      actor: { id: 'customers/referral-points', kind: 'system', roles: ['system'] },
      now: () => clock.now(),
      logger: new Logger('customers/referral-points'),
      dispatch: { send: (command, context) => this.award(command, context) },
    });
    readiness.registerProcessor('customers/referral-points', this.processor);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Retried in the background when the event store or read models are still away at start-up.
    const started = await startWithRetry('customers/referral-points', () => this.processor.start(), this.stopping.signal, new Logger('customers/referral-points'));
    this.starting = started.retrying;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await this.processor.stop();
  }

  isCaughtUp(): Promise<boolean> {
    return this.processor.isCaughtUp();
  }

  private async award(command: AwardReferralPointsRequest, context: CommandContext): Promise<void> {
    const referrer = await activeCustomerId(this.commands, command.referrerId);
    if (!referrer) throw new DomainError('not_found', 'unknown-referrer', `referrer ${command.referrerId} is not a customer`, 'C10', { referrerId: command.referrerId });
    await this.commands.execute(referrer, { type: 'award-referral-points', referredCustomerId: command.referredCustomerId }, context);
  }
}
