import { registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

describe('C1 phones read in the customer\'s region, and possible duplicates (same name + company)', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());
  const card = async (id: string) => (await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200)).body;
  const possible = async () => (await t.http().get('/api/v1/customers/duplicates/possible').set('authorization', t.manager).expect(200)).body;

  it('C1: a mainland mobile written as the customer gives it registers (default region CN); the same number in +86 form is refused', async () => {
    const id = await registerCustomer(t, { name: 'Wang Fang', phone: '138 0013 8000' });
    expect((await card(id)).phone).toBe('+8613800138000');
    const refused = await t.http().post('/api/v1/customers').set('authorization', t.otherRep).send({ name: 'Fang Wang', phone: '+86 138-0013-8000' }).expect(409);
    expect(refused.body).toMatchObject({ rule: 'C1', existingCustomerId: id, matchedOn: 'phone' });
  });

  it('C1: a registration may name its region (Hong Kong, Taiwan, US); international format works whatever the region', async () => {
    const hk = await registerCustomer(t, { name: 'Chan Tai Man', phone: '9123 4567', region: 'HK' });
    const tw = await registerCustomer(t, { name: 'Lin Chih-ming', phone: '0912 345 678', region: 'tw' });
    const us = await registerCustomer(t, { name: 'Leo Park', phone: '(212) 555-0142', region: 'US' });
    const de = await registerCustomer(t, { name: 'Jonas Weber', phone: '+49 30 901820', region: 'HK' });
    expect([(await card(hk)).phone, (await card(tw)).phone, (await card(us)).phone, (await card(de)).phone]).toEqual([
      '+85291234567',
      '+886912345678',
      '+12125550142',
      '+4930901820',
    ]);
    const bad = await t.http().post('/api/v1/customers').set('authorization', t.rep).send({ name: 'X', phone: '9123 4567', region: 'Hong Kong' }).expect(400);
    expect(bad.body.errors[0].field).toBe('region');
  });

  it('C1: same name and company with different contact details is not refused but listed as a possible duplicate', async () => {
    const first = await registerCustomer(t, { name: 'Zhou Min', phone: '139 1234 5678', company: 'Huaxin Trading' });
    const second = await registerCustomer(t, { name: 'ZHOU  MIN', email: 'zhou.min@huaxin.example', company: 'huaxin trading' }, t.otherRep);
    await registerCustomer(t, { name: 'Zhou Min', email: 'zm@other.example', company: 'Other Trading' });
    const groups = (await possible()).items;
    expect(groups).toEqual([{ key: 'zhou min|huaxin trading', customers: [expect.objectContaining({ customerId: first, ownerId: 'rep-ana' }), expect.objectContaining({ customerId: second, ownerId: 'rep-ben' })] }]);
    // Renaming one apart takes the pair off the list.
    await t.http().patch(`/api/v1/customers/${second}/card`).set('authorization', t.otherRep).send({ company: 'Huaxin Logistics' }).expect(200);
    expect((await possible()).items).toEqual([]);
    await t.http().get('/api/v1/customers/duplicates/possible').set('authorization', t.rep).expect(403);
  });
});
