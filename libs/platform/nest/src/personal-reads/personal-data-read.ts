import { integrationEventOf, type OutgoingMessage } from '@rapport/platform-messaging';
import type { Channel, EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';
import { uuidv7 } from '@rapport/platform-eventsourcing';

/** A6: one read of personal data — through the API, or through the auditor's CLI (`method: 'CLI'`). */
export interface PersonalDataRead {
  /** The service whose route (or the audit's CLI command) answered. */
  readonly service: string;
  readonly readerId: string;
  readonly readerRoles: readonly string[];
  readonly at: string;
  readonly method: string;
  /** The route as declared (`/api/v1/customers/:customerId`), and the path as asked. */
  readonly route: string;
  /**
   * The path as asked and the query's parameter names (values read `…`: a search term can be a name, and the log
   * is append-only, A5), kept in the log of the process that served the read. Null for a read the audit received
   * from a topic: only ids travel.
   */
  readonly path: string | null;
  readonly query: Readonly<Record<string, string>> | null;
  /** The customers whose data the answer held (ids from the path and the answer's items), at most 1,000. */
  readonly customerIds: readonly string[];
  readonly status: number;
  readonly correlationId: string | null;
}

/** Where reads are recorded: the audit's own log where the audit runs in the process, else the service's (A6). */
export interface PersonalReadsLog {
  record(read: PersonalDataRead): Promise<void>;
}

/**
 * The audit's read log, provided by the audit module in the process that runs it. A service that finds it in its
 * process (the all-in-one runtime, the audit process itself) records there, and publishes nothing: one log.
 */
export const AUDIT_READ_LOG = Symbol.for('rapport:audit-read-log');

/** The stored event of one read, in a read log (the audit's or a service's `<service>-reads` store). */
export const PERSONAL_DATA_READ_STORED_TYPE = 'audit.personal-data-read.v1';
/** The topic every process publishes the reads it served on (A6, distributed mode); the audit consumes it. */
export const AUDIT_READS_TOPIC = 'rapport.audit-reads.v1';
/** The integration event of one read: ids only (reader, customers, route template), never a path or a query. */
export const PERSONAL_DATA_READ_TYPE = 'rapport.audit.personal-data-read.v1';

/** The payload of `rapport.audit.personal-data-read.v1`: who read which customers through which route, when. */
export interface PersonalDataReadV1 {
  readonly service: string;
  readonly readerId: string;
  readonly readerRoles: readonly string[];
  readonly customerIds: readonly string[];
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly at: string;
  readonly correlationId: string | null;
}

/** Read logs are days of reads: `reads-2026-03-02`. */
export const READS_STREAM_PREFIX = 'reads-';
export const readsStreamOf = (at: string): string => `${READS_STREAM_PREFIX}${at.slice(0, 10)}`;

/** A service's own read log: a store of its own, apart from its events (`customers-reads`). */
export const readsStoreOf = (service: string): string => `${service}-reads`;

/**
 * Appends reads to a read log — append-only by the event-store port (nothing updates or deletes an event) and,
 * with A4, hash-chained like every other store. `eventId` is the read's id: the CloudEvent id on the topic, so a
 * redelivered read is appended once.
 */
export async function appendRead(store: EventStore, read: PersonalDataRead, options: { readonly eventId?: string; readonly via?: Channel } = {}): Promise<void> {
  await store.append(readsStreamOf(read.at), [{ eventId: options.eventId ?? uuidv7(), type: PERSONAL_DATA_READ_STORED_TYPE, data: read }], {
    expectedVersion: 'any',
    context: {
      recordedAt: read.at,
      actor: { id: read.readerId, kind: 'user', roles: read.readerRoles },
      via: options.via ?? 'api',
      correlationId: read.correlationId ?? 'none',
      causationId: read.correlationId ?? 'none',
    },
  });
}

/** A service's log of the reads it served, in its own store; its relay publishes them (see personalReadMessages). */
export class ServiceReadsLog implements PersonalReadsLog {
  constructor(private readonly store: EventStore) {}

  record(read: PersonalDataRead): Promise<void> {
    return appendRead(this.store, read);
  }
}

/** The integration event of a stored read: the ids of it, keyed (and ordered) by reader. */
export function personalReadMessages(recorded: RecordedEvent): OutgoingMessage[] {
  if (recorded.type !== PERSONAL_DATA_READ_STORED_TYPE) return [];
  const r = recorded.data as PersonalDataRead;
  const data: PersonalDataReadV1 = {
    service: r.service,
    readerId: r.readerId,
    readerRoles: [...r.readerRoles],
    customerIds: [...r.customerIds],
    method: r.method,
    route: r.route,
    status: r.status,
    at: r.at,
    correlationId: r.correlationId,
  };
  return [{ topic: AUDIT_READS_TOPIC, key: r.readerId, event: integrationEventOf(`/rapport/${r.service}`, PERSONAL_DATA_READ_TYPE, r.readerId, data, recorded) }];
}
