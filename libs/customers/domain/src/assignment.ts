/**
 * C4: who gets a reclaimed customer when no manager picks by hand. Both policies are pure choices over
 * facts the caller reads: how many customers each candidate owns and neglects, and when each last got one.
 */
export type AutoAssignment = 'least-busy' | 'round-robin';

export interface Candidate {
  readonly repId: string;
  /** Active customers the rep owns now. */
  readonly ownedCount: number;
  /** Customers of their own the rep has let become reclaimable (C4): their neglect, not spare capacity. */
  readonly neglectedCount?: number;
  /** When the rep last received a customer by auto-assignment (ISO), or null if never. */
  readonly lastAssignedAt: string | null;
  /**
   * The order of that assignment among all assignments (the event's global position). A sweep reassigns many
   * customers at one instant, so the time alone cannot tell which of them came last.
   */
  readonly lastAssignedSeq?: number | null;
}

/**
 * C4: auto-assignment spreads evenly.
 * - A rep who neglects customers of their own is not spare capacity: they come after every rep who does not.
 * - least-busy: then the fewest owned customers; round-robin: then the longest without an auto-assignment.
 * - Ties go to the rep who waited longest since their last auto-assignment (never first), so a rotation goes
 *   on from where the last assignment ended rather than starting again at the top of the list; only reps
 *   never assigned at all fall back to the order they are listed in.
 */
export function pickAssignee(policy: AutoAssignment, candidates: readonly Candidate[], excluding: string): string | undefined {
  const pool = candidates.filter((c) => c.repId !== excluding);
  let best: Candidate | undefined;
  for (const c of pool) {
    if (!best || compare(policy, c, best) < 0) best = c;
  }
  return best?.repId;
}

/** Negative when `a` should get the customer before `b`. */
function compare(policy: AutoAssignment, a: Candidate, b: Candidate): number {
  const neglect = Number((a.neglectedCount ?? 0) > 0) - Number((b.neglectedCount ?? 0) > 0);
  if (neglect !== 0) return neglect;
  if (policy === 'least-busy' && a.ownedCount !== b.ownedCount) return a.ownedCount - b.ownedCount;
  return waitedLonger(a, b);
}

/** Never assigned first; then the earlier last assignment, by time and, at the same instant, by order. */
function waitedLonger(a: Candidate, b: Candidate): number {
  if (a.lastAssignedAt === null || b.lastAssignedAt === null) return Number(a.lastAssignedAt !== null) - Number(b.lastAssignedAt !== null);
  if (a.lastAssignedAt !== b.lastAssignedAt) return a.lastAssignedAt < b.lastAssignedAt ? -1 : 1;
  return (a.lastAssignedSeq ?? 0) - (b.lastAssignedSeq ?? 0);
}
