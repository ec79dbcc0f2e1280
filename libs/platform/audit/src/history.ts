import type { Actor, Channel, EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';

/** A1: one change as an auditor reads it: what, when, who, why, through what, and what caused it. */
export interface AuditEntry {
  readonly service: string;
  /** Position in that service's store (each service has its own global order). */
  readonly position: number;
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly at: string;
  /** Who. `kind` is null where the source does not say (a published event carries the actor's id only). */
  readonly actor: { readonly id: string; readonly kind: Actor['kind'] | null; readonly roles?: readonly string[] };
  /** Through what (API, topic, timer…); null where the source does not say (history assembled from topics). */
  readonly via: Channel | null;
  readonly reason: string | null;
  readonly correlationId: string;
  readonly causationId: string;
  readonly commandId: string | null;
  /** A5: personal fields that read as null because their subject was erased. */
  readonly erasedFields: readonly string[];
  readonly data: unknown;
}

export interface HistoryFilter {
  /** Only changes concerning this subject (a customer id): their streams, or events that name them. */
  readonly subject?: string;
  /** Inclusive ISO instants. */
  readonly from?: string;
  readonly to?: string;
  readonly services?: readonly string[];
  /** Event types, or prefixes ending in `.` or `-` (`customers.`). */
  readonly types?: readonly string[];
  readonly actor?: string;
}

export interface ServiceStore {
  readonly service: string;
  readonly store: EventStore;
}

export type Progress = (p: { readonly service: string; readonly position: number; readonly head: number; readonly matched: number }) => void;

export const entryOf = (service: string, e: RecordedEvent): AuditEntry => ({
  service,
  position: e.metadata.globalPosition,
  streamId: e.metadata.streamId,
  eventId: e.metadata.eventId,
  type: e.type,
  at: e.metadata.recordedAt,
  actor: e.metadata.actor,
  via: e.metadata.via,
  reason: e.metadata.reason ?? null,
  correlationId: e.metadata.correlationId,
  causationId: e.metadata.causationId,
  commandId: e.metadata.commandId ?? null,
  erasedFields: e.metadata.erasedFields ?? [],
  data: e.data,
});

/** An event concerns a subject when its stream is theirs or its data names them (anywhere, as a whole value). */
export function concerns(e: RecordedEvent, subject: string): boolean {
  return e.metadata.streamId.endsWith(subject) || mentions(e.data, subject);
}

/** Whether a value names a subject anywhere inside it, as a whole value (an id in the data of an event). */
export function mentions(value: unknown, subject: string): boolean {
  if (value === subject) return true;
  if (Array.isArray(value)) return value.some((v) => mentions(v, subject));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => mentions(v, subject));
  return false;
}

export function matches(entry: AuditEntry, filter: HistoryFilter): boolean {
  if (filter.from && entry.at < filter.from) return false;
  if (filter.to && entry.at > filter.to) return false;
  if (filter.actor && entry.actor.id !== filter.actor) return false;
  if (filter.types && filter.types.length > 0 && !filter.types.some((t) => entry.type === t || ((t.endsWith('.') || t.endsWith('-')) && entry.type.startsWith(t)))) return false;
  return true;
}

/**
 * A2: one history across services, in the order it happened: each service's store read in its own order,
 * then merged by time (ties keep the services' order, and within a service its positions). Embedded mode reads
 * every store of the process; distributed mode assembles the same from the services' published events (README).
 */
export async function collectHistory(stores: readonly ServiceStore[], filter: HistoryFilter, progress?: Progress, pageSize = 2_000): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for (const { service, store } of stores) {
    if (filter.services && filter.services.length > 0 && !filter.services.includes(service)) continue;
    const head = await store.headPosition();
    let matched = 0;
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: pageSize });
      if (page.length === 0) break;
      for (const e of page) {
        if (filter.subject && !concerns(e, filter.subject)) continue;
        const entry = entryOf(service, e);
        if (!matches(entry, filter)) continue;
        all.push(entry);
        matched++;
      }
      after = page[page.length - 1]!.metadata.globalPosition;
      progress?.({ service, position: after, head, matched });
      if (after >= head) break;
    }
  }
  const rank = new Map(stores.map((s, i) => [s.service, i]));
  return all
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : rank.get(a.entry.service)! - rank.get(b.entry.service)! || a.i - b.i))
    .map(({ entry }) => entry);
}
