import { DAY_MS, problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('customer card (C9)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100', company: 'Wong Logistics' });
  });
  afterAll(() => t.close());
  const patch = (body: object, auth = t.rep, customerId = id) => t.http().patch(`/api/v1/customers/${customerId}/card`).set('authorization', auth).send(body);
  const card = async () => (await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200)).body;

  it('C9: the card holds the relationship: payer vs user, decision-makers, birthday, interests, needs; each change is an event', async () => {
    const response = await patch({ payer: 'CFO Lee', users: 'the warehouse team', decisionMakers: ['Lee Chan (CFO)'], birthday: '1988-04-12', interests: ['sailing'], industry: 'logistics', needs: 'faster delivery' }).expect(200);
    expect(response.body.events).toEqual(['customers.card-updated.v1']);
    expect(await card()).toMatchObject({ payer: 'CFO Lee', users: 'the warehouse team', decisionMakers: ['Lee Chan (CFO)'], birthday: '1988-04-12', interests: ['sailing'], staleFields: [] });
    expect((await patch({ payer: 'CFO Lee' }).expect(200)).body.events).toEqual([]);
  });

  it('C9: fields not confirmed for 12 months are shown as stale, until confirmed', async () => {
    t.clock.advance(200 * DAY_MS);
    await patch({ needs: 'next-day delivery' }).expect(200);
    t.clock.advance(200 * DAY_MS);
    const stale = (await card()).staleFields as string[];
    expect(stale).toEqual(expect.arrayContaining(['name', 'phone', 'company', 'payer', 'birthday']));
    expect(stale).not.toContain('needs');
    expect(stale).not.toContain('email'); // empty fields are not stale, just empty
    await t.http().post(`/api/v1/customers/${id}/card/confirmations`).set('authorization', t.rep).send({ fields: ['name', 'phone'] }).expect(200);
    expect((await card()).staleFields).not.toEqual(expect.arrayContaining(['name']));
  });

  it('C1: a new phone must be free: taking another customer\'s phone is a 409 naming it, and the old phone is freed on a change', async () => {
    const other = await registerCustomer(t, { name: 'Leo Park', phone: '+1 212 555 0199' }, t.otherRep);
    const refused = await patch({ phone: '+1 (212) 555-0199' }).expect(409);
    expect(refused.body).toMatchObject({ type: problemType('C1', 'duplicate-customer'), existingCustomerId: other, existingOwnerId: 'rep-ben' });
    await patch({ phone: '+1 415 555 0111' }).expect(200);
    expect(await card()).toMatchObject({ phone: '+14155550111' });
    await registerCustomer(t, { name: 'Someone else', phone: '+1 415 555 0100' }, t.otherRep);
  });

  it('400 names invalid fields; 404 for an unknown customer; 403 for another rep', async () => {
    const invalid = await patch({ name: null, birthday: '12/04/1988', interests: 'sailing' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthday', 'interests', 'name']);
    expect((await t.http().post(`/api/v1/customers/${id}/card/confirmations`).set('authorization', t.rep).send({ fields: ['shoe-size'] }).expect(400)).body.errors[0].field).toBe('fields');
    await patch({ needs: 'x' }, t.rep, UNKNOWN_ID).expect(404);
    await t.http().post(`/api/v1/customers/${UNKNOWN_ID}/card/confirmations`).set('authorization', t.rep).send({ fields: ['name'] }).expect(404);
    expect((await patch({ needs: 'x' }, t.otherRep).expect(403)).body.type).toBe(problemType('C3', 'not-owner-or-collaborator'));
    // Auditors read and never change: neither the card nor its confirmations.
    await patch({ needs: 'x' }, t.auditor).expect(403);
    await t.http().post(`/api/v1/customers/${id}/card/confirmations`).set('authorization', t.auditor).send({ fields: ['name'] }).expect(403);
  });
});
