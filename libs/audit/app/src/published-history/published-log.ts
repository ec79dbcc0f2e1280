import { matches, mentions, type AuditEntry, type HistoryFilter, type Progress } from '@rapport/platform-audit';
import type { Channel, Clock, EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';
import type { IncomingMessage, IntegrationEvent } from '@rapport/platform-messaging';
import { createHash } from 'node:crypto';
import type { HistorySource } from '../history/history-source';

/** One published event as the audit received it: the CloudEvent verbatim, and where on the bus it was read. */
export interface PublishedEventRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly event: IntegrationEvent;
}

export const PUBLISHED_TYPE = 'audit.published-event-received.v1';
export const PUBLISHED_STREAM_PREFIX = 'published-';
const CHANNELS: readonly Channel[] = ['api', 'topic', 'timer', 'import', 'system'];

/** The service that published an event: its CloudEvent source is `/rapport/<service>`; else the topic names it. */
export const serviceOf = (event: IntegrationEvent, topic: string): string => /^\/rapport\/([a-z][a-z0-9-]*)$/.exec(event.source)?.[1] ?? topic;

/** One id per (topic, CloudEvent id): a redelivery is the same entry; the same event on two topics is two receipts. */
const receiptId = (topic: string, id: string): string => {
  const h = createHash('sha256').update(`${topic}\n${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
};

/**
 * A1/A2 in distributed mode: the audit's own append-only log of every event the services published, fed by a
 * consumer of their integration topics, and the history assembled from it. Who, when, correlation and causation
 * are the CloudEvent's (`actorid`, `time`, `correlationid`, `causationid`); through what is its `via` extension
 * when a publisher sets one, else unknown (null); why (the free-text reason) never travels on a topic (A5).
 */
export class PublishedLog implements HistorySource {
  readonly kind = 'topics' as const;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    /** Services in the order ties are shown. */
    private readonly services: readonly string[] = [],
  ) {}

  /** Appends one received message; a redelivered one (same topic, same CloudEvent id) changes nothing. */
  async record(message: IncomingMessage): Promise<void> {
    const e = message.event;
    const record: PublishedEventRecord = { topic: message.topic, partition: message.partition, offset: message.offset, event: e };
    await this.store.append(`${PUBLISHED_STREAM_PREFIX}${message.topic}`, [{ eventId: receiptId(message.topic, e.id), type: PUBLISHED_TYPE, data: record }], {
      expectedVersion: 'any',
      context: {
        recordedAt: this.clock.now().toISOString(),
        actor: { id: 'audit', kind: 'system' },
        via: 'topic',
        correlationId: e.correlationid ?? e.id,
        causationId: e.id,
      },
    });
  }

  async collect(filter: HistoryFilter, progress?: Progress, pageSize = 2_000): Promise<AuditEntry[]> {
    const head = await this.store.headPosition();
    const seen = new Set<string>();
    const found: AuditEntry[] = [];
    for (let after = 0; after < head; ) {
      const page = await this.store.readAll({ after, maxCount: pageSize, streamPrefixes: [PUBLISHED_STREAM_PREFIX] });
      if (page.length === 0) break;
      for (const recorded of page) {
        const entry = entryOfPublished(recorded);
        if (seen.has(entry.eventId)) continue;
        if (filter.services && filter.services.length > 0 && !filter.services.includes(entry.service)) continue;
        if (filter.subject && !concernsPublished(recorded.data as PublishedEventRecord, filter.subject)) continue;
        if (!matches(entry, filter)) continue;
        seen.add(entry.eventId);
        found.push(entry);
      }
      after = page[page.length - 1]!.metadata.globalPosition;
      progress?.({ service: 'audit', position: after, head, matched: found.length });
    }
    const rank = (service: string): number => (this.services.includes(service) ? this.services.indexOf(service) : this.services.length);
    return found
      .map((entry, i) => ({ entry, i }))
      .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : rank(a.entry.service) - rank(b.entry.service) || a.i - b.i))
      .map(({ entry }) => entry);
  }
}

/** A published event concerns a customer when it is about her (its subject) or its data names her. */
const concernsPublished = (r: PublishedEventRecord, subject: string): boolean => r.event.subject?.toLowerCase() === subject || mentions(r.event.data, subject);

/** An entry as the topics tell it: `position` is the audit log's, `streamId` says where on the bus it was read. */
export function entryOfPublished(recorded: RecordedEvent): AuditEntry {
  const { topic, partition, offset, event } = recorded.data as PublishedEventRecord;
  const via = (event as unknown as Record<string, unknown>)['via'];
  return {
    service: serviceOf(event, topic),
    position: recorded.metadata.globalPosition,
    streamId: `${topic}/${partition}/${offset}`,
    eventId: event.id,
    type: event.type,
    at: event.time,
    actor: { id: event.actorid ?? 'unknown', kind: null },
    via: CHANNELS.includes(via as Channel) ? (via as Channel) : null,
    reason: null,
    correlationId: event.correlationid ?? '',
    causationId: event.causationid ?? '',
    commandId: null,
    erasedFields: [],
    data: event.data,
  };
}
