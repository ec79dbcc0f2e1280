import { eventually, problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('referrals (C10) and referral points (C8)', () => {
  let t: CustomersTestApp;
  let referrer: string;
  let referred: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    referrer = await registerCustomer(t, { name: 'Leo Park', phone: '+1 212 555 0199' }, t.otherRep);
    referred = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const refer = (body: object, customerId = referred, auth = t.rep) => t.http().post(`/api/v1/customers/${customerId}/referrer`).set('authorization', auth).send(body);

  it('C10: records who referred whom; the referrer is counted as a coach on their card', async () => {
    // The referrer is another rep's customer: a manager records it (SEC-5: a rep could not even learn it exists).
    await refer({ referrerId: referrer }, referred, t.manager).expect(200);
    const card = await t.http().get(`/api/v1/customers/${referrer}`).set('authorization', t.otherRep).expect(200);
    expect(card.body).toMatchObject({ referralsMade: 1, isCoach: true });
    expect((await t.http().get(`/api/v1/customers/${referred}`).set('authorization', t.rep).expect(200)).body.referrerId).toBe(referrer);
  });

  it('C8: the referred customer\'s first purchase earns the referrer 500 points, once', async () => {
    await t.http().post(`/api/v1/customers/${referred}/purchases`).set('authorization', t.rep).send({ amount: 20, category: 'cables' }).expect(200);
    await t.http().post(`/api/v1/customers/${referred}/purchases`).set('authorization', t.rep).send({ amount: 30, category: 'cables' }).expect(200);
    await eventually(async () => {
      const card = await t.http().get(`/api/v1/customers/${referrer}`).set('authorization', t.otherRep).expect(200);
      expect(card.body.lifetimePoints).toBe(500);
    });
    const awards = (await t.events()).filter((e) => e.type === 'customers.referral-points-awarded.v1');
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ data: { customerId: referrer, referredCustomerId: referred, points: 500 }, metadata: { via: 'system' } });
  });

  it('C10: another referrer is a 409; self-referral and an unknown referrer are 422s', async () => {
    const other = await registerCustomer(t, { name: 'Ivy Chen', email: 'ivy@chen.example' });
    expect((await refer({ referrerId: other }).expect(409)).body.type).toBe(problemType('C10', 'referrer-already-recorded'));
    expect((await refer({ referrerId: other }, other).expect(422)).body.type).toBe(problemType('C10', 'self-referral'));
    expect((await refer({ referrerId: UNKNOWN_ID }, other).expect(422)).body.type).toBe(problemType('C10', 'unknown-referrer'));
  });

  it('400 names the invalid referrer id; 404 for an unknown customer; 403 for another rep', async () => {
    expect((await refer({ referrerId: 'leo' }).expect(400)).body.errors[0].field).toBe('referrerId');
    await refer({ referrerId: referrer }, UNKNOWN_ID).expect(404);
    await refer({ referrerId: referrer }, referred, t.otherRep).expect(403);
  });
});
