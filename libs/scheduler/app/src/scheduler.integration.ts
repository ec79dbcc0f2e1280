import { nameBasedUuid, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { integrationEventOf, topicPublisher, type OutgoingMessage } from '@rapport/platform-messaging';
import { SCHEDULER_SOURCE, SCHEDULER_TOPIC, SchedulerEventTypes, type SchedulerPayloadsV1 } from '@rapport/scheduler-contracts';
import type { CadenceEvent, TimerEvent, TimerFired } from '@rapport/scheduler-domain';

type Internal = TimerEvent | CadenceEvent;

const publish = topicPublisher<SchedulerPayloadsV1>(SCHEDULER_TOPIC, SCHEDULER_SOURCE);

/** The delivery's CloudEvent id: one per timer and due time, so every copy of one firing carries the same id. */
export const deliveryId = (timerId: string, dueAt: string): string => nameBasedUuid(`delivery/${timerId}@${dueAt}`);

/** The owner's message: the type and data it asked for, on its topic, about the timer. */
function delivery(recorded: RecordedEvent, d: TimerFired['data']): OutgoingMessage {
  const event = integrationEventOf(SCHEDULER_SOURCE, d.deliver.type, d.timerId, d.deliver.data, recorded);
  return { topic: d.deliver.topic, key: d.timerId, event: { ...event, id: deliveryId(d.timerId, d.dueAt), time: d.firedAt } };
}

/**
 * Internal event → published messages, mapped explicitly. A firing is published twice: the delivery on the
 * owner's topic and `timer-fired` on the scheduler's. Scheduling, moving and cancelling stay inside (the
 * requester knows what it asked), and so does the cadence bookkeeping.
 * The relay publishes at least once (ADR 12): consumers drop copies by CloudEvent id.
 */
export function toIntegrationMessages(recorded: RecordedEvent): readonly OutgoingMessage[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  switch (event.type) {
    case 'scheduler.timer-fired.v1': {
      const d = event.data;
      return [
        delivery(recorded, d),
        ...publish(recorded, SchedulerEventTypes.timerFired, d.timerId, {
          timerId: d.timerId,
          ownerService: d.ownerService,
          dueAt: d.dueAt,
          firedAt: d.firedAt,
          deliver: { topic: d.deliver.topic, type: d.deliver.type, data: d.deliver.data },
        }),
      ];
    }
    case 'scheduler.timer-scheduled.v1':
    case 'scheduler.timer-rescheduled.v1':
    case 'scheduler.timer-cancelled.v1':
    case 'scheduler.customer-fact-noted.v1':
    case 'scheduler.follow-up-came-due.v1':
    case 'scheduler.review-came-due.v1':
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
