/**
 * A4/A7: the one verifier of a hash chain, for exports and event stores alike. Each item has a sequence number
 * (an export's line number `n`, a store's global position), its bytes and the chain value recorded with it.
 * Reports the first problem and names it: an item altered, removed, inserted or reordered, or the tail cut.
 */
import { link } from './canonical';

export interface ChainItem {
  readonly seq: number;
  readonly bytes: string | Buffer;
  readonly chain: string;
  /** How a person finds it: `line 7`, `position 12 (event 0190…)`. */
  readonly label: string;
}

export type ProblemKind = 'altered' | 'removed' | 'inserted' | 'reordered' | 'truncated' | 'malformed' | 'digest';

export interface VerifyResult {
  readonly ok: boolean;
  readonly checked: number;
  readonly head: string;
  readonly problem?: { readonly kind: ProblemKind; readonly at: string; readonly message: string };
}

export interface Expectation {
  /** The first sequence number (1 for exports and dense stores). */
  readonly firstSeq: number;
  /** From a digest or a signed checkpoint: how many items there must be and the chain value of the last. */
  readonly count?: number;
  readonly head?: string;
  /** Stores with gaps in their positions (KurrentDB) check order only. */
  readonly dense?: boolean;
}

export function verifyChainItems(items: readonly ChainItem[], genesis: string, expect: Expectation, progress?: (checked: number) => void): VerifyResult {
  let prev = genesis;
  let expected = expect.firstSeq;
  const dense = expect.dense ?? true;
  const fail = (checked: number, kind: ProblemKind, at: string, message: string): VerifyResult => ({ ok: false, checked, head: prev, problem: { kind, at, message } });
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (i % 100_000 === 0) progress?.(i);
    const recomputed = link(prev, item.bytes);
    if (dense ? item.seq !== expected : item.seq < expected) {
      if (item.seq < expected) {
        const earlier = items.slice(0, i).find((x) => x.seq === item.seq);
        return earlier && earlier.chain === item.chain && String(earlier.bytes) === String(item.bytes)
          ? fail(i, 'inserted', item.label, `${item.label} repeats ${earlier.label}`)
          : fail(i, earlier ? 'inserted' : 'reordered', item.label, `${item.label} has number ${item.seq}, expected ${expected}`);
      }
      const later = items.slice(i + 1).some((x) => x.seq === expected);
      return later
        ? fail(i, 'reordered', item.label, `${item.label} (number ${item.seq}) comes before number ${expected}`)
        : fail(i, 'removed', item.label, `number ${expected}${item.seq - expected > 1 ? `–${item.seq - 1}` : ''} is missing before ${item.label}`);
    }
    if (recomputed !== item.chain) {
      const next = items[i + 1];
      if (next && next.seq === item.seq && link(prev, next.bytes) === next.chain) return fail(i, 'inserted', item.label, `${item.label} was inserted: it is not in the chain`);
      return fail(i, 'altered', item.label, `${item.label} was altered: its bytes do not give its recorded chain value`);
    }
    prev = item.chain;
    expected = item.seq + 1;
  }
  progress?.(items.length);
  if (expect.count !== undefined && items.length < expect.count) return fail(items.length, 'truncated', `after ${items.at(-1)?.label ?? 'the start'}`, `${expect.count - items.length} item(s) missing at the end: ${items.length} of ${expect.count}`);
  if (expect.count !== undefined && items.length > expect.count) return fail(items.length, 'inserted', items[expect.count]!.label, `${items.length - expect.count} item(s) more than the digest counts`);
  if (expect.head !== undefined && prev !== expect.head) return fail(items.length, 'digest', 'digest', 'the last chain value differs from the digest');
  return { ok: true, checked: items.length, head: prev };
}
