import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('naming a referrer reveals nothing (SEC-5)', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());
  const refer = (customerId: string, referrerId: string, auth: string) =>
    t.http().post(`/api/v1/customers/${customerId}/referrer`).set('authorization', auth).send({ referrerId });

  it("SEC-5: another rep's customer as referrer gets exactly the answer of an id that does not exist", async () => {
    const mine = await registerCustomer(t, { name: 'Mia Wong' });
    const theirs = await registerCustomer(t, { name: 'Leo Park' }, t.otherRep);
    const before = (await t.events()).length;
    const notMine = await refer(mine, theirs, t.rep).expect(422);
    const missing = await refer(mine, UNKNOWN_ID, t.rep).expect(422);
    const strip = (body: Record<string, unknown>) => ({ ...body, detail: String(body.detail).replace(/[0-9a-f-]{36}/, '<id>'), referrerId: '<id>', instance: '<path>' });
    expect(strip(notMine.body)).toEqual(strip(missing.body));
    expect(notMine.body.type).toBe(problemType('C10', 'unknown-referrer'));
    expect((await t.events()).length).toBe(before);
  });

  it('SEC-5: a rep may name their own customer, a manager anyone', async () => {
    const referred = await registerCustomer(t, { name: 'Ivy Chen' });
    const ownReferrer = await registerCustomer(t, { name: 'Own Referrer' });
    await refer(referred, ownReferrer, t.rep).expect(200);
    const other = await registerCustomer(t, { name: 'Zoe Tan' });
    const theirs = await registerCustomer(t, { name: 'Ben Referrer' }, t.otherRep);
    await refer(other, theirs, t.manager).expect(200);
  });
});
