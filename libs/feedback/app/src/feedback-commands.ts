import { CommandHandler, fold, type CommandContext, type HandleResult } from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import {
  customerFeedbackDecider,
  feedbackStreamId,
  type CustomerFeedbackCommand,
  type CustomerFeedbackEvent,
  type CustomerFeedbackState,
} from '@rapport/feedback-domain';
import { FEEDBACK_PROJECTION } from './read-models/feedback.projection';

export type FeedbackResult = HandleResult<CustomerFeedbackEvent, CustomerFeedbackState>;

/** Runs feedback commands: the per-customer decider on the service's event store. */
export class FeedbackCommands {
  private readonly handler: CommandHandler<CustomerFeedbackCommand, CustomerFeedbackEvent, CustomerFeedbackState>;

  constructor(readonly host: ServiceHost) {
    this.handler = new CommandHandler(host.events, customerFeedbackDecider);
  }

  execute(command: CustomerFeedbackCommand, context: CommandContext): Promise<FeedbackResult> {
    return this.handler.handle(feedbackStreamId(command.customerId), command, context, 'any');
  }

  /** The customer's feedback state, straight from its stream (consistent, unlike a read model). */
  async state(customerId: string): Promise<CustomerFeedbackState> {
    const events = await this.host.events.readStream<CustomerFeedbackEvent>(feedbackStreamId(customerId));
    return fold(customerFeedbackDecider, events.map((e) => ({ type: e.type, data: e.data }) as CustomerFeedbackEvent));
  }

  /** Read-your-writes: resolves once the feedback read models reflect `position`. */
  async settled(position: number): Promise<void> {
    if (position > 0) await this.host.runner(FEEDBACK_PROJECTION).waitFor(position);
  }
}

/** A system actor's context for a command caused by a message (topic or timer); the id derives from the message's. */
export const messageContext = (commandId: string, causationId: string, correlationId: string | undefined, via: 'topic' | 'timer', now: Date, actorId: string): CommandContext => ({
  commandId,
  actor: { id: actorId, kind: via === 'timer' ? 'timer' : 'system', roles: ['system'] },
  now,
  correlationId: correlationId ?? causationId,
  causationId,
  via,
});
