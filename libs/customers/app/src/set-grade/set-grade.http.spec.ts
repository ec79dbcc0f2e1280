import { CustomerEventTypes } from '@rapport/customers-contracts';
import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('POST /api/v1/customers/:id/grade (C7)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const grade = (customerId: string, auth: string, body: object) => t.http().post(`/api/v1/customers/${customerId}/grade`).set('authorization', auth).send(body);

  it('C7: the owner grades with a reason; grade A makes a prospect with intent (C6), and both changes are published', async () => {
    const response = await grade(id, t.rep, { grade: 'A', reason: 'asked for a quote' }).expect(200);
    expect(response.body.events).toEqual(['customers.grade-set.v1', 'customers.stage-changed.v1']);
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200);
    expect(card.body).toMatchObject({ grade: 'A', gradeReason: 'asked for a quote', stage: 'prospect-with-intent' });
    const types = (await t.published()).map((m) => m.event.type);
    expect(types).toEqual(expect.arrayContaining([CustomerEventTypes.gradeChanged, CustomerEventTypes.stageChanged]));
  });

  it('C7: a grade without a reason, or outside A–F, is a 400 naming the field', async () => {
    expect((await grade(id, t.rep, { grade: 'A' }).expect(400)).body.errors[0].field).toBe('reason');
    expect((await grade(id, t.rep, { grade: 'G', reason: 'x' }).expect(400)).body.errors[0].field).toBe('grade');
  });

  it('C2: grading a record that was merged away is a 409 naming the survivor', async () => {
    const duplicate = await registerCustomer(t, { name: 'M. Wong', email: 'mw@example.com' });
    await t.http().post(`/api/v1/customers/${id}/merge`).set('authorization', t.manager).send({ mergedCustomerId: duplicate, fieldWinners: { name: 'survivor' }, reason: 'same person' }).expect(200);
    const response = await grade(duplicate, t.rep, { grade: 'B', reason: 'x' }).expect(409);
    expect(response.body).toMatchObject({ type: problemType('C2', 'customer-merged'), survivorId: id });
  });

  it('C3: another rep may not grade the customer (403 with the rule); 404 for an unknown customer', async () => {
    expect((await grade(id, t.otherRep, { grade: 'F', reason: 'x' }).expect(403)).body.type).toBe(problemType('C3', 'not-owner-or-collaborator'));
    await grade(UNKNOWN_ID, t.rep, { grade: 'B', reason: 'x' }).expect(404);
  });
});
