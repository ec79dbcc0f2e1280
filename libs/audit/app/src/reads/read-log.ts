import type { EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';
import { uuidv7 } from '@rapport/platform-eventsourcing';

/** A6: one read of personal data through the API. */
export interface PersonalDataRead {
  readonly readerId: string;
  readonly readerRoles: readonly string[];
  readonly at: string;
  readonly method: string;
  /** The route as declared (`/api/v1/customers/:customerId`), and the path as asked. */
  readonly route: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The customers whose data the answer held (ids from the path and the answer's items), at most 1,000. */
  readonly customerIds: readonly string[];
  readonly status: number;
  readonly correlationId: string | null;
}

export const READ_TYPE = 'audit.personal-data-read.v1';
const streamOf = (at: string): string => `reads-${at.slice(0, 10)}`;

/**
 * A6: reads of personal data are recorded in the audit service's own event store — append-only by its port
 * (nothing updates or deletes an event) and, with A4, hash-chained like every other store.
 */
export class ReadLog {
  constructor(private readonly store: EventStore) {}

  async record(read: PersonalDataRead): Promise<void> {
    await this.store.append(streamOf(read.at), [{ eventId: uuidv7(), type: READ_TYPE, data: read }], {
      expectedVersion: 'any',
      context: {
        recordedAt: read.at,
        actor: { id: read.readerId, kind: 'user', roles: read.readerRoles },
        via: 'api',
        correlationId: read.correlationId ?? 'none',
        causationId: read.correlationId ?? 'none',
      },
    });
  }

  async query(filter: { readonly reader?: string; readonly customerId?: string; readonly from?: string; readonly to?: string; readonly limit: number }): Promise<PersonalDataRead[]> {
    const out: PersonalDataRead[] = [];
    for (let after = 0; out.length < filter.limit; ) {
      const page: RecordedEvent[] = await this.store.readAll({ after, maxCount: 2_000, streamPrefixes: ['reads-'] });
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
