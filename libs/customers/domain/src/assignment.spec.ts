import { pickAssignee, type Candidate } from './assignment';

describe('C4 auto-assignment', () => {
  const candidates = [
    { repId: 'rep-ana', ownedCount: 3, lastAssignedAt: '2026-01-03T00:00:00.000Z' },
    { repId: 'rep-ben', ownedCount: 1, lastAssignedAt: '2026-01-01T00:00:00.000Z' },
    { repId: 'rep-cy', ownedCount: 2, lastAssignedAt: null },
  ];

  it('C4: least-busy picks the rep owning the fewest customers, never the neglecting owner', () => {
    expect(pickAssignee('least-busy', candidates, 'rep-zed')).toBe('rep-ben');
    expect(pickAssignee('least-busy', candidates, 'rep-ben')).toBe('rep-cy');
  });

  it('C4: round-robin picks the rep who waited longest for an assignment, a new rep first', () => {
    expect(pickAssignee('round-robin', candidates, 'rep-zed')).toBe('rep-cy');
    expect(pickAssignee('round-robin', candidates, 'rep-cy')).toBe('rep-ben');
    expect(pickAssignee('round-robin', [], 'rep-cy')).toBeUndefined();
  });

  it('C4: a rep who neglects customers of their own is not the least busy, however few they own', () => {
    const pool: Candidate[] = [
      { repId: 'rep-lazy', ownedCount: 1, neglectedCount: 1, lastAssignedAt: null },
      { repId: 'rep-busy', ownedCount: 9, neglectedCount: 0, lastAssignedAt: null },
    ];
    expect(pickAssignee('least-busy', pool, 'rep-zed')).toBe('rep-busy');
    expect(pickAssignee('round-robin', pool, 'rep-zed')).toBe('rep-busy');
    // Only when everyone neglects someone does the count decide again.
    expect(pickAssignee('least-busy', [pool[0]!, { ...pool[1]!, neglectedCount: 2 }], 'rep-zed')).toBe('rep-lazy');
  });

  /** A sweep: each pick is recorded before the next, at one instant, with its global position as the order. */
  function sweep(policy: 'least-busy' | 'round-robin', reps: Candidate[], customers: number): Map<string, number> {
    const got = new Map<string, number>();
    const pool = [...reps];
    for (let n = 0; n < customers; n += 1) {
      const chosen = pickAssignee(policy, pool, 'rep-gone')!;
      got.set(chosen, (got.get(chosen) ?? 0) + 1);
      const i = pool.findIndex((c) => c.repId === chosen);
      pool[i] = { ...pool[i]!, ownedCount: pool[i]!.ownedCount + 1, lastAssignedAt: '2026-04-05T09:00:00.000Z', lastAssignedSeq: 1_000 + n };
    }
    return got;
  }

  const fiveReps = (owned: (i: number) => number): Candidate[] =>
    ['rep-a', 'rep-b', 'rep-c', 'rep-d', 'rep-e'].map((repId, i) => ({ repId, ownedCount: owned(i), lastAssignedAt: null }));

  it('C4: a round-robin sweep of 11 customers over 5 reps gives none more than 3', () => {
    const got = sweep('round-robin', fiveReps(() => 4), 11);
    expect(Math.max(...got.values())).toBeLessThanOrEqual(3);
    expect([...got.values()].reduce((a, b) => a + b)).toBe(11);
    expect(got.size).toBe(5);
  });

  it('C4: ties at one instant are not always broken the same way: the rotation goes on where the last assignment ended', () => {
    // Every rep was last assigned in the same earlier sweep, in order a..e; the next pick goes on from a, then b.
    const sameInstant = fiveReps(() => 4).map((c, i) => ({ ...c, lastAssignedAt: '2026-04-01T09:00:00.000Z', lastAssignedSeq: 10 + i }));
    const rotated = [...sameInstant.slice(2), ...sameInstant.slice(0, 2)];
    expect(pickAssignee('round-robin', rotated, 'rep-gone')).toBe('rep-a');
    expect(pickAssignee('round-robin', rotated.filter((c) => c.repId !== 'rep-a'), 'rep-gone')).toBe('rep-b');
  });

  it('C4: a least-busy sweep of 11 customers over 5 equally busy reps gives none more than 3', () => {
    const got = sweep('least-busy', fiveReps(() => 4), 11);
    expect(Math.max(...got.values())).toBeLessThanOrEqual(3);
    const uneven = sweep('least-busy', fiveReps((i) => i), 11);
    // Least-busy first fills the lighter books (owning 0..4) up to the busiest, then spreads: books end 4 or 5.
    const books = ['rep-a', 'rep-b', 'rep-c', 'rep-d', 'rep-e'].map((id, i) => i + (uneven.get(id) ?? 0));
    expect(Math.max(...books) - Math.min(...books)).toBeLessThanOrEqual(1);
  });
});
