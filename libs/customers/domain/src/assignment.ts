/**
 * C4: who gets a reclaimed customer when no manager picks by hand. Both policies are pure choices over
 * facts the caller reads: how many customers each candidate owns, and when each last got one by rotation.
 */
export type AutoAssignment = 'least-busy' | 'round-robin';

export interface Candidate {
  readonly repId: string;
  /** Active customers the rep owns now. */
  readonly ownedCount: number;
  /** When the rep last received a customer by auto-assignment (ISO), or null if never. */
  readonly lastAssignedAt: string | null;
}

/**
 * least-busy: the fewest owned customers. round-robin: the longest without an auto-assignment (never first),
 * which is a rotation that survives restarts and new reps. Ties go to the candidate listed first.
 */
export function pickAssignee(policy: AutoAssignment, candidates: readonly Candidate[], excluding: string): string | undefined {
  const pool = candidates.filter((c) => c.repId !== excluding);
  let best: Candidate | undefined;
  for (const c of pool) {
    if (!best || better(policy, c, best)) best = c;
  }
  return best?.repId;
}

function better(policy: AutoAssignment, a: Candidate, b: Candidate): boolean {
  if (policy === 'least-busy') return a.ownedCount < b.ownedCount;
  if (a.lastAssignedAt === b.lastAssignedAt) return false;
  if (a.lastAssignedAt === null) return true;
  return b.lastAssignedAt !== null && a.lastAssignedAt < b.lastAssignedAt;
}
