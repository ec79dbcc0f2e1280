import { COMPLAINTS_TOPIC } from '@rapport/complaints-contracts';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { FEEDBACK_TOPIC } from '@rapport/feedback-contracts';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { SALES_GATING_TOPIC } from '@rapport/sales-gating-contracts';
import { SCHEDULER_TOPIC } from '@rapport/scheduler-contracts';

/** The services' integration topics the live stream follows, by the short name a notice carries. */
export const LIVE_TOPICS = {
  customers: CUSTOMERS_TOPIC,
  complaints: COMPLAINTS_TOPIC,
  feedback: FEEDBACK_TOPIC,
  'sales-gating': SALES_GATING_TOPIC,
  scheduler: SCHEDULER_TOPIC,
} as const;

export type LiveTopic = keyof typeof LIVE_TOPICS;

const SHORT = new Map<string, LiveTopic>(Object.entries(LIVE_TOPICS).map(([short, topic]) => [topic, short as LiveTopic]));

/**
 * "What changed", and nothing else: which service's topic, the event type, and the opaque ids of the customer
 * and the complaint it is about. Never a name, a phone, a comment or an amount: the page that cares re-reads its
 * query API, which decides what the signed-in person may see.
 */
export interface LiveNotice {
  readonly topic: LiveTopic;
  readonly type: string;
  readonly customerId?: string;
  readonly complaintId?: string;
}

/** Ids are opaque strings of printable ASCII (as the query APIs take them); anything else is left out. */
const OPAQUE_ID = /^[\x21-\x7e]{1,100}$/;
const TYPE = /^[a-z0-9.-]{1,200}$/;

const idOf = (data: unknown, field: 'customerId' | 'complaintId'): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' && OPAQUE_ID.test(value) ? value : undefined;
};

/** The notice for one message of a followed topic; null for any other topic or a type that is not a plain name. */
export function noticeOf(message: Pick<IncomingMessage, 'topic' | 'event'>): LiveNotice | null {
  const topic = SHORT.get(message.topic);
  if (!topic || typeof message.event.type !== 'string' || !TYPE.test(message.event.type)) return null;
  const customerId = idOf(message.event.data, 'customerId');
  const complaintId = idOf(message.event.data, 'complaintId');
  return { topic, type: message.event.type, ...(customerId ? { customerId } : {}), ...(complaintId ? { complaintId } : {}) };
}
