import { CustomerEventTypes } from '@rapport/customers-contracts';
import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('POST /api/v1/customers/:id/category-spend (C12)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const estimate = (customerId: string, auth: string, body: object) => t.http().post(`/api/v1/customers/${customerId}/category-spend`).set('authorization', auth).send(body);

  it('C12: share of wallet = our 12-month spend / their estimated spend, on the card and published', async () => {
    await estimate(id, t.rep, { category: 'laptops', estimatedAnnualSpend: 20_000 }).expect(200);
    await t.http().post(`/api/v1/customers/${id}/purchases`).set('authorization', t.rep).send({ amount: 5_000, category: 'laptops' }).expect(200);
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200);
    expect(card.body.shareOfWallet).toEqual({
      overall: { share: 0.25, ourSpend: 5_000, estimatedSpend: 20_000 },
      byCategory: { laptops: { share: 0.25, ourSpend: 5_000, estimatedSpend: 20_000 } },
    });
    const shares = (await t.published()).filter((m) => m.event.type === CustomerEventTypes.shareOfWalletChanged);
    expect(shares.map((m) => (m.event.data as { overall: { share: number } }).overall.share)).toEqual([0, 0.25]);
  });

  it('C12: an estimate in another currency is a 422; a negative one a 400 naming the field', async () => {
    expect((await estimate(id, t.rep, { category: 'laptops', estimatedAnnualSpend: 1, currency: 'GBP' }).expect(422)).body.type).toBe(problemType('C12', 'currency-mismatch'));
    expect((await estimate(id, t.rep, { category: 'laptops', estimatedAnnualSpend: -1 }).expect(400)).body.errors[0].field).toBe('estimatedAnnualSpend');
  });

  it('404 for an unknown customer; 403 for another rep', async () => {
    await estimate(UNKNOWN_ID, t.rep, { category: 'x', estimatedAnnualSpend: 1 }).expect(404);
    await estimate(id, t.otherRep, { category: 'x', estimatedAnnualSpend: 1 }).expect(403);
  });
});
