import type { EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';
import { genesisOf, link } from './canonical';
import type { ProblemKind, VerifyResult } from './chain-verify';

/**
 * A4: every event hash-chained to the previous one in the store's global order and in its stream. The bytes
 * are the event as stored — personal fields still sealed (A5) — so erasing a customer, which destroys a key
 * and changes no byte, leaves the chain intact.
 */
export const GLOBAL_GENESIS = genesisOf('events v1');
export const streamGenesis = (streamId: string): string => genesisOf(`stream ${streamId}`);

/**
 * The canonical bytes of a stored event: the envelope's fields in one fixed order, whatever order an adapter
 * builds them in, and the data as the store keeps it (JSON text round-trips key order on every adapter: SQLite
 * text, PostgreSQL `json`, KurrentDB bytes), so no sorting pass is needed — verifying a million events is
 * bounded by reading them, not by re-ordering them.
 */
export function eventBytes(e: RecordedEvent): string {
  const m = e.metadata;
  const envelope = [
    e.type,
    m.eventId,
    m.streamId,
    m.streamVersion,
    m.globalPosition,
    m.recordedAt,
    [m.actor.id, m.actor.kind, m.actor.roles ?? null],
    m.via,
    m.reason ?? null,
    m.correlationId,
    m.causationId,
    m.commandId ?? null,
    m.traceparent ?? null,
    m.tracestate ?? null,
  ];
  return `${JSON.stringify(envelope)}${JSON.stringify(e.data)}`;
}

/** One event's links, as a witness keeps them (and, once the adapters store them, as each event carries them). */
export interface ChainLink {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  /** Hash of the previous event's global link and this event's bytes. */
  readonly global: string;
  /** Hash of the previous event of the same stream's link and this event's bytes. */
  readonly stream: string;
}

/** Links events in global order, continuing from `from` (the last link of an earlier run, if any). */
export class EventChainer {
  private global: string;
  private readonly streams = new Map<string, string>();

  constructor(from?: { readonly global: string; readonly streams?: ReadonlyMap<string, string> }) {
    this.global = from?.global ?? GLOBAL_GENESIS;
    for (const [id, head] of from?.streams ?? []) this.streams.set(id, head);
  }

  add(e: RecordedEvent): ChainLink {
    const bytes = eventBytes(e);
    const streamId = e.metadata.streamId;
    this.global = link(this.global, bytes);
    const stream = link(this.streams.get(streamId) ?? streamGenesis(streamId), bytes);
    this.streams.set(streamId, stream);
    return { position: e.metadata.globalPosition, eventId: e.metadata.eventId, streamId, streamVersion: e.metadata.streamVersion, global: this.global, stream };
  }

  head(): string {
    return this.global;
  }
}

/**
 * A4: verifies a store's events (as stored: read them from the adapter, not through decryption) against the
 * links recorded for them (a witness, or the links the adapter stores). Names the first event altered, removed,
 * inserted or reordered, and a cut tail. Positions may have gaps (KurrentDB): what counts is the recorded order.
 * Streaming: events are fed in global order, page by page, so a million events need no more than their links.
 */
export class EventVerifier {
  /** Event id → place among the recorded links; built only when an event is not where it was recorded. */
  private index: Map<string, number> | undefined;
  private prev = GLOBAL_GENESIS;
  private next = 0;
  private checked = 0;
  private problem: VerifyResult['problem'];

  constructor(private readonly recorded: readonly ChainLink[]) {}

  /** @returns false once a problem is found (the rest need not be read). */
  add(e: RecordedEvent): boolean {
    if (this.problem) return false;
    // An untouched store gives each event in its recorded place: no lookup (a million-entry index costs more than
    // the hashing); anything else is looked up to name what happened.
    const i = this.recorded[this.next]?.eventId === e.metadata.eventId ? this.next : this.placeOf(e.metadata.eventId);
    const fail = (kind: ProblemKind, at: string, message: string): boolean => {
      this.problem = { kind, at, message };
      return false;
    };
    const label = i === undefined || i !== this.next || this.recorded[i]!.position !== e.metadata.globalPosition ? labelOf(e) : '';
    if (i === undefined) return fail('inserted', label, `${label} was inserted: no such event was recorded`);
    const known = this.recorded[i]!;
    if (i !== this.next) {
      const expected = this.recorded[this.next];
      // In its recorded place, with recorded events missing before it: those were removed. Elsewhere: moved.
      if (i > this.next && expected && known.position === e.metadata.globalPosition) return fail('removed', named(expected), `${named(expected)} was removed: it is missing before ${label}`);
      return fail('reordered', label, `${label} is out of order: it was recorded at position ${known.position}`);
    }
    if (known.position !== e.metadata.globalPosition) return fail('reordered', label, `${label} was recorded at position ${known.position}`);
    if (link(this.prev, eventBytes(e)) !== known.global) return fail('altered', labelOf(e), `${labelOf(e)} was altered: its bytes do not give its recorded link`);
    this.prev = known.global;
    this.next++;
    this.checked++;
    return true;
  }

  private placeOf(eventId: string): number | undefined {
    this.index ??= new Map(this.recorded.map((l, i) => [l.eventId, i]));
    return this.index.get(eventId);
  }

  result(): VerifyResult {
    if (this.problem) return { ok: false, checked: this.checked, head: this.prev, problem: this.problem };
    const missing = this.recorded[this.next];
    if (missing) {
      const problem = { kind: 'truncated' as const, at: named(missing), message: `${this.recorded.length - this.next} event(s) missing at the end, from ${named(missing)}` };
      return { ok: false, checked: this.checked, head: this.prev, problem };
    }
    return { ok: true, checked: this.checked, head: this.prev };
  }
}

const labelOf = (e: RecordedEvent): string => `position ${e.metadata.globalPosition} (event ${e.metadata.eventId}, ${e.metadata.streamId} v${e.metadata.streamVersion})`;
const named = (l: ChainLink): string => `position ${l.position} (event ${l.eventId}, ${l.streamId} v${l.streamVersion})`;

export function verifyEvents(events: readonly RecordedEvent[], recorded: readonly ChainLink[], progress?: (checked: number) => void): VerifyResult {
  const verifier = new EventVerifier(recorded);
  for (const [n, e] of events.entries()) {
    if (n % 100_000 === 0) progress?.(n);
    if (!verifier.add(e)) break;
  }
  progress?.(events.length);
  return verifier.result();
}

/** Verifies a store page by page against its recorded links. */
export async function verifyStore(store: EventStore, recorded: readonly ChainLink[], progress?: (position: number, head: number) => void, pageSize = 10_000): Promise<VerifyResult> {
  const verifier = new EventVerifier(recorded);
  const head = await store.headPosition();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const e of page) if (!verifier.add(e)) return verifier.result();
    after = page[page.length - 1]!.metadata.globalPosition;
    progress?.(after, head);
  }
  return verifier.result();
}
