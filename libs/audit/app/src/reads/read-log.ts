import type { EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { PoisonMessageError } from '@rapport/platform-messaging';
import { appendRead, PERSONAL_DATA_READ_TYPE, READS_STREAM_PREFIX, type PersonalDataRead, type PersonalDataReadV1, type PersonalReadsLog } from '@rapport/platform-nest';

export type { PersonalDataRead } from '@rapport/platform-nest';

/** The filters of the reads query. */
export interface ReadsFilter {
  readonly reader?: string;
  readonly customerId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The read a `rapport.audit.personal-data-read.v1` event tells of; a payload that is not one is refused (dead-lettered). */
export function readOfMessage(message: IncomingMessage): PersonalDataRead {
  const d = message.event.data as Partial<PersonalDataReadV1> | null;
  if (message.event.type !== PERSONAL_DATA_READ_TYPE) throw new PoisonMessageError(`not a personal-data read: ${message.event.type}`);
  if (!d || !isString(d.service) || !isString(d.readerId) || !isStrings(d.readerRoles) || !isStrings(d.customerIds) || !isString(d.method) || !isString(d.route)) {
    throw new PoisonMessageError('a personal-data read needs service, readerId, readerRoles, customerIds, method and route');
  }
  if (typeof d.status !== 'number' || !isString(d.at) || Number.isNaN(Date.parse(d.at))) throw new PoisonMessageError('a personal-data read needs a status and an instant (at)');
  return {
    service: d.service,
    readerId: d.readerId,
    readerRoles: d.readerRoles,
    at: new Date(d.at).toISOString(),
    method: d.method,
    route: d.route,
    path: null,
    query: null,
    customerIds: d.customerIds.map((id) => id.toLowerCase()),
    status: d.status,
    correlationId: isString(d.correlationId) ? d.correlationId : null,
  };
}

/**
 * A6: the audit's log of reads of personal data, in the audit service's own event store — append-only by its port
 * (nothing updates or deletes an event) and, with A4, hash-chained like every other store. Reads served in the
 * audit's process are recorded here directly; in distributed mode the reads other processes served arrive on
 * `rapport.audit-reads.v1` and are appended under their CloudEvent id, so a redelivery is one entry.
 */
export class ReadLog implements PersonalReadsLog {
  constructor(private readonly store: EventStore) {}

  record(read: PersonalDataRead): Promise<void> {
    return appendRead(this.store, read);
  }

  /** One read another process served and published; a redelivered one (same CloudEvent id) changes nothing. */
  receive(message: IncomingMessage): Promise<void> {
    return appendRead(this.store, readOfMessage(message), { eventId: message.event.id, via: 'topic' });
  }

  async query(filter: ReadsFilter): Promise<PersonalDataRead[]> {
    const out: PersonalDataRead[] = [];
    for (let after = 0; out.length < filter.limit; ) {
      const page: RecordedEvent[] = await this.store.readAll({ after, maxCount: 2_000, streamPrefixes: [READS_STREAM_PREFIX] });
      if (page.length === 0) break;
      for (const e of page) {
        const r = e.data as PersonalDataRead;
        if (filter.reader && r.readerId !== filter.reader) continue;
        if (filter.customerId && !r.customerIds.includes(filter.customerId)) continue;
        if (filter.from && r.at < filter.from) continue;
        if (filter.to && r.at > filter.to) continue;
        out.push(r);
        if (out.length >= filter.limit) break;
      }
      after = page[page.length - 1]!.metadata.globalPosition;
    }
    return out;
  }
}
