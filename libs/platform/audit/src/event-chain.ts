import type { RecordedEvent } from '@rapport/platform-eventsourcing';
import { canonicalJson, genesisOf, link } from './canonical';
import type { ProblemKind, VerifyResult } from './chain-verify';

/**
 * A4: every event hash-chained to the previous one in the store's global order and in its stream. The bytes
 * are the event as stored — personal fields still sealed (A5) — so erasing a customer, which destroys a key
 * and changes no byte, leaves the chain intact.
 */
export const GLOBAL_GENESIS = genesisOf('events v1');
export const streamGenesis = (streamId: string): string => genesisOf(`stream ${streamId}`);

export function eventBytes(e: RecordedEvent): string {
  const { erasedFields: _readTime, ...metadata } = e.metadata;
  return canonicalJson({ type: e.type, data: e.data, metadata });
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
 * links recorded for them (a witness, a signed checkpoint's chain, or the links the adapter stores). Names the
 * first event altered, removed, inserted or reordered, and a cut tail. Positions may have gaps (KurrentDB):
 * what counts is the recorded order.
 */
export function verifyEvents(events: readonly RecordedEvent[], recorded: readonly ChainLink[], progress?: (checked: number) => void): VerifyResult {
  const byEventId = new Map(recorded.map((l, i) => [l.eventId, { l, i }]));
  let prev = GLOBAL_GENESIS;
  let next = 0; // index in `recorded` of the link the next event must match
  const labelOf = (e: RecordedEvent) => `position ${e.metadata.globalPosition} (event ${e.metadata.eventId}, ${e.metadata.streamId} v${e.metadata.streamVersion})`;
  const named = (l: ChainLink) => `position ${l.position} (event ${l.eventId}, ${l.streamId} v${l.streamVersion})`;
  const fail = (checked: number, kind: ProblemKind, at: string, message: string): VerifyResult => ({ ok: false, checked, head: prev, problem: { kind, at, message } });
  for (const [checked, e] of events.entries()) {
    if (checked % 100_000 === 0) progress?.(checked);
    const label = labelOf(e);
    const known = byEventId.get(e.metadata.eventId);
    if (!known) return fail(checked, 'inserted', label, `${label} was inserted: no such event was recorded`);
    if (known.i !== next) {
      const expected = recorded[next];
      if (known.i > next && expected && !events.slice(checked + 1).some((x) => x.metadata.eventId === expected.eventId)) {
        return fail(checked, 'removed', named(expected), `${named(expected)} was removed: it is missing before ${label}`);
      }
      return fail(checked, 'reordered', label, `${label} is out of order: it was recorded at position ${known.l.position}`);
    }
    if (known.l.position !== e.metadata.globalPosition) return fail(checked, 'reordered', label, `${label} was recorded at position ${known.l.position}`);
    if (link(prev, eventBytes(e)) !== known.l.global) return fail(checked, 'altered', label, `${label} was altered: its bytes do not give its recorded link`);
    prev = known.l.global;
    next++;
  }
  progress?.(events.length);
  if (next < recorded.length) return fail(events.length, 'truncated', named(recorded[next]!), `${recorded.length - next} event(s) missing at the end, from ${named(recorded[next]!)}`);
  return { ok: true, checked: events.length, head: prev };
}
