import { pickAssignee } from './assignment';
import { planImport } from './import-plan';

describe('C1 import planning', () => {
  it('C1: rows are normalised and a later row with an earlier row\'s phone or email is a duplicate within the file', () => {
    const plan = planImport(
      [
        { name: 'Mia Wong', phone: '(415) 555-0100', email: 'Mia@Example.com' },
        { name: 'M. Wong', phone: '+1 415 555 0100' },
        { name: 'Mia', email: ' mia@example.COM ' },
        { name: 'Leo Park', phone: '+1 212 555 0199' },
      ],
      { mayNameOwner: false },
    );
    expect(plan).toEqual([
      { row: 1, status: 'candidate', name: 'Mia Wong', phone: '+14155550100', email: 'mia@example.com', company: null, owner: null },
      { row: 2, status: 'duplicate-in-file', duplicateOfRow: 1, matchedOn: 'phone' },
      { row: 3, status: 'duplicate-in-file', duplicateOfRow: 1, matchedOn: 'email' },
      { row: 4, status: 'candidate', name: 'Leo Park', phone: '+12125550199', email: null, company: null, owner: null },
    ]);
  });

  it('C1: an invalid row reports each bad field and claims nothing', () => {
    const plan = planImport([{ name: '', phone: '12', email: 'nope' }, { name: 'Ok', phone: '12' }, { name: 'Name Only' }], { mayNameOwner: false });
    expect(plan[0]).toEqual({
      row: 1,
      status: 'invalid',
      errors: [
        { field: 'name', message: 'name is required' },
        { field: 'phone', message: '"12" is not a valid phone number' },
        { field: 'email', message: '"nope" is not a valid email' },
      ],
    });
    expect(plan[1]).toEqual({ row: 2, status: 'invalid', errors: [{ field: 'phone', message: '"12" is not a valid phone number' }] });
    expect(plan[2]).toMatchObject({ row: 3, status: 'candidate', phone: null, email: null });
  });

  it('C3: only a manager\'s import may name the owning rep', () => {
    const row = { name: 'Mia', email: 'mia@example.com', owner: 'rep-ben' };
    expect(planImport([row], { mayNameOwner: false })[0]).toMatchObject({ status: 'invalid', errors: [{ field: 'owner' }] });
    expect(planImport([row], { mayNameOwner: true })[0]).toMatchObject({ status: 'candidate', owner: 'rep-ben' });
  });
});

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
});
