import { CustomerEventTypes } from '@rapport/customers-contracts';
import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('POST /api/v1/customers/:id/purchases (C8, C12)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const buy = (customerId: string, auth: string, body: object) => t.http().post(`/api/v1/customers/${customerId}/purchases`).set('authorization', auth).send(body);

  it('C8: a first purchase makes a member and a new buyer; crossing 5,000 points makes silver', async () => {
    const first = await buy(id, t.rep, { purchaseId: 'INV-1', amount: 4_999.5, category: 'laptops' }).expect(200);
    expect(first.body.events).toEqual(['customers.purchase-recorded.v1', 'customers.tier-changed.v1', 'customers.stage-changed.v1']);
    await buy(id, t.rep, { purchaseId: 'INV-2', amount: 1, category: 'laptops' }).expect(200);
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200);
    expect(card.body).toMatchObject({ tier: 'silver', lifetimePoints: 5_000, stage: 'new-buyer', purchaseCount: 2, lifetimeSpend: 5_000.5 });
    const tiers = (await t.published()).filter((m) => m.event.type === CustomerEventTypes.tierChanged).map((m) => (m.event.data as { to: string }).to);
    expect(tiers).toEqual(['member', 'silver']);
  });

  it('C8: an order system (integrator) may record a purchase for any customer', async () => {
    await buy(id, t.as('erp', 'integrator'), { purchaseId: 'ERP-9', amount: 10, category: 'cables' }).expect(200);
  });

  it('C8: the same purchase id twice is a 409; another currency a 422 under C12', async () => {
    expect((await buy(id, t.rep, { purchaseId: 'INV-1', amount: 1, category: 'laptops' }).expect(409)).body.type).toBe(problemType('C8', 'duplicate-purchase'));
    expect((await buy(id, t.rep, { amount: 1, category: 'laptops', currency: 'EUR' }).expect(422)).body.type).toBe(problemType('C12', 'currency-mismatch'));
  });

  it('400 names the invalid amount and the missing category; 404 for an unknown customer; 403 for another rep', async () => {
    const response = await buy(id, t.rep, { amount: -5 }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'category']);
    await buy(UNKNOWN_ID, t.rep, { amount: 5, category: 'x' }).expect(404);
    await buy(id, t.otherRep, { amount: 5, category: 'x' }).expect(403);
  });
});
