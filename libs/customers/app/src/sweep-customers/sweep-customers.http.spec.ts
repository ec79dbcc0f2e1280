import { CustomerEventTypes } from '@rapport/customers-contracts';
import { DAY_MS, registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

describe('POST /api/v1/customers/sweeps: time-driven changes (C4, C6, C12)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
    await t.http().post(`/api/v1/customers/${id}/category-spend`).set('authorization', t.rep).send({ category: 'laptops', estimatedAnnualSpend: 10_000 }).expect(200);
    await t.http().post(`/api/v1/customers/${id}/purchases`).set('authorization', t.rep).send({ amount: 1_000, category: 'laptops' }).expect(200);
  });
  afterAll(() => t.close());
  const sweep = async () => (await t.http().post('/api/v1/customers/sweeps').set('authorization', t.manager).send({}).expect(200)).body;
  const card = async () => (await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200)).body;
  const contact = () => t.http().post(`/api/v1/customers/${id}/contacts`).set('authorization', t.rep).send({ channel: 'visit', direction: 'outbound', outcome: 'reached' }).expect(200);

  it('C6: a new buyer becomes long-standing 3 months after the first purchase, by the sweep', async () => {
    expect((await card()).stage).toBe('new-buyer');
    t.clock.advance(60 * DAY_MS);
    await contact();
    expect((await sweep()).changed).toBe(0);
    t.clock.advance(35 * DAY_MS); // day 95: no command touched the customer since the 3 months passed
    expect((await card()).stage).toBe('new-buyer');
    const report = await sweep();
    expect(report).toMatchObject({ changed: 1, policyVersion: 'customers-policy-2026.2' });
    expect((await card()).stage).toBe('long-standing');
  });

  it('C6, C12: a year without purchases makes the customer lapsed and their share of wallet drops to zero; both are published', async () => {
    for (let i = 0; i < 3; i++) {
      t.clock.advance(70 * DAY_MS);
      await contact(); // the owner keeps in touch (day 165, 235, 305) but sells nothing
    }
    t.clock.advance(61 * DAY_MS); // day 366: a year and a day after the only purchase
    expect((await sweep()).changed).toBe(1);
    expect(await card()).toMatchObject({ stage: 'lapsed', shareOfWallet: { overall: { share: 0, ourSpend: 0, estimatedSpend: 10_000 } } });
    const published = (await t.published()).map((m) => m.event);
    expect(published).toContainEqual(expect.objectContaining({ type: CustomerEventTypes.stageChanged, data: expect.objectContaining({ from: 'long-standing', to: 'lapsed' }) }));
    expect(published.filter((e) => e.type === CustomerEventTypes.shareOfWalletChanged).map((e) => (e.data as { overall: { share: number } }).overall.share)).toEqual([0, 0.1, 0]);
  });

  it('only managers run the sweep; 400 names an unknown policy', async () => {
    await t.http().post('/api/v1/customers/sweeps').set('authorization', t.rep).send({}).expect(403);
    expect((await t.http().post('/api/v1/customers/sweeps').set('authorization', t.manager).send({ autoAssign: 'random' }).expect(400)).body.errors[0].field).toBe('autoAssign');
  });
});
