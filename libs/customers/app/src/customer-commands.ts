import {
  CommandHandler,
  fold,
  type CommandContext,
  type HandleResult,
  type StreamExpectation,
} from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import {
  createCustomerDecider,
  customerStreamId,
  type CommandActor,
  type CustomerCommand,
  type CustomerCommandBody,
  type CustomerEvent,
  type CustomerPolicy,
  type CustomerState,
} from '@rapport/customers-domain';
import { CUSTOMER_CARD_PROJECTION } from './read-models/customer-card.projection';

export type CustomerResult = HandleResult<CustomerEvent, CustomerState>;

/** The domain actor of a command: the authenticated principal's id and roles. */
export const actorOf = (context: CommandContext): CommandActor => ({ id: context.actor.id, roles: context.actor.roles ?? [] });

/**
 * A use case that writes several streams runs one command per stream. Each gets its own command id derived
 * from the request's, so a retried request (same Idempotency-Key) replays every step instead of repeating it,
 * and each is caused by the request's command.
 */
export const stepOf = (context: CommandContext, step: string): CommandContext => ({
  ...context,
  commandId: `${context.commandId}/${step}`,
  causationId: context.commandId,
});

/** Runs customer commands: the decider under the configured policy, on the service's event store. */
export class CustomerCommands {
  private readonly handler: CommandHandler<CustomerCommand, CustomerEvent, CustomerState>;
  private readonly decider: ReturnType<typeof createCustomerDecider>;

  constructor(
    readonly host: ServiceHost,
    readonly policy: CustomerPolicy,
  ) {
    this.decider = createCustomerDecider(policy);
    this.handler = new CommandHandler(host.events, this.decider);
  }

  execute(customerId: string, body: CustomerCommandBody, context: CommandContext, expectation: StreamExpectation = 'existing'): Promise<CustomerResult> {
    const command = { ...body, actor: actorOf(context), now: context.now } as CustomerCommand;
    return this.handler.handle(customerStreamId(customerId), command, context, expectation);
  }

  /** The customer's current state, straight from its stream (consistent, unlike a read model). */
  async state(customerId: string): Promise<CustomerState> {
    const events = await this.host.events.readStream<CustomerEvent>(customerStreamId(customerId));
    return fold(this.decider, events.map((e) => ({ type: e.type, data: e.data }) as CustomerEvent));
  }

  /** Read-your-writes: resolves once the customer card reflects `position` (bounded wait). */
  async settled(position: number): Promise<void> {
    if (position > 0) await this.host.runner(CUSTOMER_CARD_PROJECTION).waitFor(position);
  }
}
