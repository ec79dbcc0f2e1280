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
      // A US sales team's file: numbers without +1 are read as US numbers.
      { mayNameOwner: false, phoneRegion: 'US' },
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

  it('C1: a row is read in its own region, else the import\'s, else the policy default (mainland China)', () => {
    const plan = planImport(
      [
        { name: 'Wang Fang', phone: '138 0013 8000' },
        { name: 'Chan Tai Man', phone: '9123 4567', region: 'hk' },
        { name: 'Leo Park', phone: '+1 212 555 0199' },
        { name: 'Nowhere', phone: '9123 4567', region: 'XX' },
      ],
      { mayNameOwner: false },
    );
    expect(plan.slice(0, 3)).toMatchObject([{ phone: '+8613800138000' }, { phone: '+85291234567' }, { phone: '+12125550199' }]);
    expect(plan[3]).toMatchObject({ status: 'invalid', errors: [{ field: 'region' }, { field: 'phone' }] });
  });

  it('C3: only a manager\'s import may name the owning rep', () => {
    const row = { name: 'Mia', email: 'mia@example.com', owner: 'rep-ben' };
    expect(planImport([row], { mayNameOwner: false })[0]).toMatchObject({ status: 'invalid', errors: [{ field: 'owner' }] });
    expect(planImport([row], { mayNameOwner: true })[0]).toMatchObject({ status: 'candidate', owner: 'rep-ben' });
  });
});
