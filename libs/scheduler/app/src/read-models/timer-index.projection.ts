import type { Projection } from '@rapport/platform-eventsourcing';
import { TIMER_STREAM_PREFIX, type TimerEvent } from '@rapport/scheduler-domain';

export const TIMER_INDEX = 'timers';
export const TIMER_INDEX_PROJECTION = 'timer-index';

/** One document per timer: the due-time index the firing loop reads (S3: an index, never a scan). */
export interface TimerDoc {
  readonly id: string;
  readonly status: 'pending' | 'fired' | 'cancelled';
  readonly dueAt: string;
  readonly ownerService: string;
  readonly deliverTopic: string;
  readonly deliverType: string;
  /** The customer the delivery is about, when its data names one (for "what will happen to this customer"). */
  readonly customerId: string | null;
  readonly firedAt: string | null;
}

const customerOf = (data: unknown): string | null => {
  const id = typeof data === 'object' && data !== null ? (data as { customerId?: unknown }).customerId : undefined;
  return typeof id === 'string' ? id : null;
};

export const timerIndexProjection: Projection = {
  name: TIMER_INDEX_PROJECTION,
  version: 1,
  // status first: the firing loop asks for pending timers due by now, in due order.
  collections: [{ name: TIMER_INDEX, indexes: [['status', 'dueAt'], ['customerId', 'status']] }],
  async apply(recorded, view) {
    if (!recorded.metadata.streamId.startsWith(TIMER_STREAM_PREFIX)) return;
    const event = { type: recorded.type, data: recorded.data } as TimerEvent;
    const before = await view.get<TimerDoc>(TIMER_INDEX, event.data.timerId);
    switch (event.type) {
      case 'scheduler.timer-scheduled.v1': {
        const d = event.data;
        const doc: TimerDoc = {
          id: d.timerId,
          status: 'pending',
          dueAt: d.dueAt,
          ownerService: d.ownerService,
          deliverTopic: d.deliver.topic,
          deliverType: d.deliver.type,
          customerId: customerOf(d.deliver.data),
          firedAt: null,
        };
        return view.put(TIMER_INDEX, doc);
      }
      case 'scheduler.timer-rescheduled.v1': {
        const d = event.data;
        if (!before) return;
        const doc: TimerDoc = { ...before, status: 'pending', dueAt: d.dueAt, deliverTopic: d.deliver.topic, deliverType: d.deliver.type, customerId: customerOf(d.deliver.data) };
        return view.put(TIMER_INDEX, doc);
      }
      case 'scheduler.timer-cancelled.v1':
        if (before) view.put<TimerDoc>(TIMER_INDEX, { ...before, status: 'cancelled' });
        return;
      case 'scheduler.timer-fired.v1':
        if (before) view.put<TimerDoc>(TIMER_INDEX, { ...before, status: 'fired', firedAt: event.data.firedAt });
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
