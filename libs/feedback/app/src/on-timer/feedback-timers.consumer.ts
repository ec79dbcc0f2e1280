import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusConsumer } from '@rapport/platform-nest';
import { nameBasedUuid, type Clock, type ReadModelStore } from '@rapport/platform-eventsourcing';
import { PoisonMessageError, type IncomingMessage, type MessageBus } from '@rapport/platform-messaging';
import { FEEDBACK_TIMERS_TOPIC, FeedbackTimerTypes, type FeedbackTimerEvent } from '@rapport/feedback-contracts';
import { messageContext, type FeedbackCommands } from '../feedback-commands';
import { FEEDBACK_CUSTOMERS, FEEDBACK_PEOPLE, type CustomerFactsDoc, type PersonFactsDoc } from '../read-models/customer-facts.projection';
import type { SurveyRequests } from '../request-survey/survey-requests';

const known = new Set<string>(Object.values(FeedbackTimerTypes));
const isTimerEvent = (event: IncomingMessage['event']): event is IncomingMessage['event'] & FeedbackTimerEvent => known.has(event.type);

/** The survey asked for by one trigger: the same trigger always gives the same survey id. */
export const triggeredSurveyId = (customerId: string, triggerRef: string): string => nameBasedUuid(`survey/${customerId}/${triggerRef}`);

/**
 * S2 deliveries on feedback's timer inbox: a trigger's survey is due (F4), an answer window closed, a
 * follow-up is due (F3: escalate to the owner's manager as the directory says now). Command ids derive from
 * the delivery's id (one per timer and due time), so a redelivery changes nothing.
 */
export class FeedbackTimersConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: BusConsumer;

  constructor(
    bus: MessageBus,
    private readonly commands: FeedbackCommands,
    private readonly requests: SurveyRequests,
    private readonly facts: ReadModelStore,
    private readonly clock: Clock,
  ) {
    this.consumer = new BusConsumer(bus, { groupId: 'feedback-timers', topics: [FEEDBACK_TIMERS_TOPIC], handle: (m) => this.handle(m) }, 'feedback');
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }

  async handle(message: IncomingMessage): Promise<void> {
    const e = message.event;
    if (!isTimerEvent(e)) return;
    if (typeof e.data?.customerId !== 'string' || e.data.customerId === '') throw new PoisonMessageError(`${e.type}: customerId is required`);
    const now = this.clock.now();
    const context = messageContext(`on-timer/${e.id}`, e.id, e.correlationid, 'timer', now, 'scheduler');
    switch (e.type) {
      case FeedbackTimerTypes.surveyDue: {
        const d = e.data;
        const facts = await this.facts.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, d.customerId);
        if (facts?.mergedInto) return; // the survivor is asked on its own triggers
        await this.requests.request({ surveyId: triggeredSurveyId(d.customerId, d.triggerRef), customerId: d.customerId, trigger: d.trigger, triggerRef: d.triggerRef, channel: 'email' }, context);
        return;
      }
      case FeedbackTimerTypes.surveyExpiryDue:
        await this.commands.execute({ type: 'expire-survey', customerId: e.data.customerId, surveyId: e.data.surveyId, now }, context);
        return;
      case FeedbackTimerTypes.loopDue: {
        const d = e.data;
        const loop = (await this.commands.state(d.customerId)).loops[d.loopId];
        const manager = loop?.ownerId ? ((await this.facts.get<PersonFactsDoc>(FEEDBACK_PEOPLE, loop.ownerId))?.managerId ?? null) : null;
        await this.commands.execute({ type: 'escalate-loop', customerId: d.customerId, loopId: d.loopId, managerId: manager, now }, context);
        return;
      }
      default: {
        const _exhaustive: never = e;
        return _exhaustive;
      }
    }
  }
}
