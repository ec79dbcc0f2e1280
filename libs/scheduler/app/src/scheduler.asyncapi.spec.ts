import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import type { OutgoingMessage } from '@rapport/platform-messaging';
import { asyncApiDocument, recordedEvents } from '@rapport/platform-testing';
import {
  CUSTOMERS_TIMERS_TOPIC,
  CustomerReviewDueType,
  FollowUpDueType,
  SCHEDULER_TOPIC,
  SchedulerEventTypes,
  type TimerCancelledV1,
  type TimerRequestedV1,
} from '@rapport/scheduler-contracts';
import { defaultCadencePolicy, initialCadenceState, type CadenceEvent, type TimerEvent } from '@rapport/scheduler-domain';
import { cadenceTimerCommands } from './customer-cadence/cadence-timers';
import { timerCommandOf } from './request-timers/timer-requests.consumer';
import { toIntegrationMessages } from './scheduler.integration';

/**
 * docs/asyncapi.yaml is the contract of the scheduler's topics: every internal event goes through the real
 * mapping and the real Kafka binding, and topic, key, headers and payload must be what the document says.
 */
const contract = asyncApiDocument();
/** Documented on its topic, and keyed by its subject (one subject's events keep their order). */
function expectDocumented(message: OutgoingMessage): void {
  contract.expectDocumented(message);
  expect(message.key).toBe(message.event.subject);
}

/** What stays inside the scheduler: the requester knows what it asked; the cadence bookkeeping is the scheduler's. */
type InternalOnly =
  | 'scheduler.timer-scheduled.v1'
  | 'scheduler.timer-rescheduled.v1'
  | 'scheduler.timer-cancelled.v1'
  | 'scheduler.customer-fact-noted.v1'
  | 'scheduler.follow-up-came-due.v1'
  | 'scheduler.review-came-due.v1';
type Internal = TimerEvent | CadenceEvent;
type Published = Exclude<Internal['type'], InternalOnly>;
type DataOf<T extends Internal['type']> = Extract<Internal, { readonly type: T }>['data'];

const at = '2026-03-03T09:00:00.000Z';
const now = new Date(at);
// The deliveries the scheduler's own cadence asks for (S1 follow-ups, C4/C6 reviews), built by the real code.
const cadence = cadenceTimerCommands(
  'c-1',
  { ...initialCadenceState(), customerId: 'c-1', status: 'active', ownerId: 'rep-ana', ownerSince: at, stage: 'new-buyer', stageSince: at, firstPurchaseAt: at, lastPurchaseAt: at },
  defaultCadencePolicy,
  now,
).flatMap((c) => (c.type === 'schedule-timer' ? [c] : []));
const fired = (c: (typeof cadence)[number]): DataOf<'scheduler.timer-fired.v1'> => ({ timerId: c.timerId, ownerService: c.ownerService, dueAt: c.dueAt, firedAt: at, deliver: c.deliver });
const complaintsTimer = { timerId: 'complaints.sla.K-42', ownerService: 'complaints', dueAt: at, firedAt: at, deliver: { topic: 'rapport.complaints.timers.v1', type: 'rapport.complaints.sla-due.v1', data: { complaintId: 'K-42' } } };

const published: { readonly [T in Published]: readonly DataOf<T>[] } = {
  'scheduler.timer-fired.v1': [...cadence.map(fired), complaintsTimer],
};
const internalOnly: { readonly [T in InternalOnly]: DataOf<T> } = {
  'scheduler.timer-scheduled.v1': { timerId: 't-1', ownerService: 'complaints', dueAt: at, deliver: complaintsTimer.deliver, at },
  'scheduler.timer-rescheduled.v1': { timerId: 't-1', dueAt: at, previousDueAt: at, deliver: complaintsTimer.deliver, at },
  'scheduler.timer-cancelled.v1': { timerId: 't-1', dueAt: at, at },
  'scheduler.customer-fact-noted.v1': { customerId: 'c-1', fact: { kind: 'purchase-recorded', at } },
  'scheduler.follow-up-came-due.v1': { customerId: 'c-1', dueAt: at },
  'scheduler.review-came-due.v1': { customerId: 'c-1', dueAt: at },
};
const streamOf = (type: string, data: { timerId?: string; customerId?: string }): string => (type.includes('timer') ? `timer-${data.timerId}` : `cadence-${data.customerId}`);
const recorded = (type: string, data: object): RecordedEvent => recordedEvents([{ streamId: streamOf(type, data), event: { type, data } }])[0]!;

describe('docs/asyncapi.yaml is the contract of rapport.scheduler.v1 and rapport.customers.timers.v1', () => {
  it.each(published['scheduler.timer-fired.v1'].map((d) => [d.timerId, d] as const))('S3: a firing of %s is published as its delivery and timer-fired, as documented', (_name, data) => {
    const messages = toIntegrationMessages(recorded('scheduler.timer-fired.v1', data));
    expect(messages.map((m) => [m.topic, m.event.type])).toEqual([
      [data.deliver.topic, data.deliver.type],
      [SCHEDULER_TOPIC, SchedulerEventTypes.timerFired],
    ]);
    for (const message of messages) {
      expect(message.key).toBe(data.timerId);
      if (message.topic === SCHEDULER_TOPIC || message.topic === CUSTOMERS_TIMERS_TOPIC) expectDocumented(message);
    }
  });

  it('S3: every copy of one firing carries the same delivery id; another due time another one', () => {
    const data = published['scheduler.timer-fired.v1'][0]!;
    const first = toIntegrationMessages(recorded('scheduler.timer-fired.v1', data))[0]!;
    const again = toIntegrationMessages(recorded('scheduler.timer-fired.v1', data))[0]!;
    const later = toIntegrationMessages(recorded('scheduler.timer-fired.v1', { ...data, dueAt: '2026-04-01T09:00:00.000Z' }))[0]!;
    expect(again.event.id).toBe(first.event.id);
    expect(later.event.id).not.toBe(first.event.id);
  });

  it.each(Object.entries(internalOnly))('%s stays inside the scheduler', (type, data) => {
    expect(toIntegrationMessages(recorded(type, data))).toEqual([]);
  });

  it('S2: timer requests and cancellations as documented are what the scheduler accepts', () => {
    const request: TimerRequestedV1 = { timerId: 'complaints.sla.K-42', ownerService: 'complaints', dueAt: at, deliver: complaintsTimer.deliver };
    const cancel: TimerCancelledV1 = { timerId: 'complaints.sla.K-42', ownerService: 'complaints' };
    for (const [type, data] of [
      [SchedulerEventTypes.timerRequested, request],
      [SchedulerEventTypes.timerCancelled, cancel],
    ] as const) {
      const message: OutgoingMessage = {
        topic: SCHEDULER_TOPIC,
        key: data.timerId,
        event: { specversion: '1.0', id: 'r-1', source: '/rapport/complaints', type, subject: data.timerId, time: at, datacontenttype: 'application/json', data, correlationid: 'c', causationid: 'c', actorid: 'complaints' },
      };
      expectDocumented(message);
      expect(timerCommandOf(type, data, now)).toMatchObject({ timerId: data.timerId, ownerService: 'complaints' });
    }
  });

  it('has no stale message: each documented one is produced or accepted, and each contract type is documented', () => {
    const produced = new Set(published['scheduler.timer-fired.v1'].flatMap((d) => toIntegrationMessages(recorded('scheduler.timer-fired.v1', d)).map((m) => `${m.topic} ${m.event.type}`)));
    const accepted = [SchedulerEventTypes.timerRequested, SchedulerEventTypes.timerCancelled].map((t) => `${SCHEDULER_TOPIC} ${t}`);
    const documented = [SCHEDULER_TOPIC, CUSTOMERS_TIMERS_TOPIC].flatMap((topic) => contract.messagesOf(contract.channel(topic)).map((m) => `${topic} ${m.name}`));
    expect(documented.sort()).toEqual([...accepted, ...[...produced].filter((p) => !p.startsWith('rapport.complaints'))].sort());
    expect(documented).toEqual(expect.arrayContaining([...Object.values(SchedulerEventTypes), FollowUpDueType].map((t) => `${SCHEDULER_TOPIC} ${t}`)));
    expect(documented).toContain(`${CUSTOMERS_TIMERS_TOPIC} ${CustomerReviewDueType}`);
  });
});
