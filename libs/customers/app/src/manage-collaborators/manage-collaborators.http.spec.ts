import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('collaborators (C3)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const add = (customerId: string, auth: string, body: object) => t.http().post(`/api/v1/customers/${customerId}/collaborators`).set('authorization', auth).send(body);

  it('C3: a rep cannot add themselves to another rep\'s customer', async () => {
    const response = await add(id, t.otherRep, { collaboratorId: 'rep-ben' }).expect(403);
    expect(response.body.type).toBe(problemType('C3', 'manager-only'));
  });

  it('C3: the owner adds a collaborator, who may then work on the customer but not own it', async () => {
    await add(id, t.rep, { collaboratorId: 'rep-ben' }).expect(200);
    await t.http().post(`/api/v1/customers/${id}/contacts`).set('authorization', t.otherRep).send({ channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(200);
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.otherRep).expect(200);
    expect(card.body).toMatchObject({ ownerId: 'rep-ana', collaboratorIds: ['rep-ben'] });
  });

  it('C3: the owner cannot be a collaborator (422); 400 names the missing field; 404 for an unknown customer', async () => {
    expect((await add(id, t.manager, { collaboratorId: 'rep-ana' }).expect(422)).body.type).toBe(problemType('C3', 'owner-cannot-collaborate'));
    expect((await add(id, t.rep, {}).expect(400)).body.errors[0].field).toBe('collaboratorId');
    await add(UNKNOWN_ID, t.rep, { collaboratorId: 'rep-ben' }).expect(404);
  });

  it('C3: removing a collaborator records the reason; removing a non-collaborator is a 422', async () => {
    await t.http().delete(`/api/v1/customers/${id}/collaborators/rep-ben`).query({ reason: 'project finished' }).set('authorization', t.rep).expect(200);
    await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.otherRep).expect(403);
    const again = await t.http().delete(`/api/v1/customers/${id}/collaborators/rep-ben`).set('authorization', t.rep).expect(422);
    expect(again.body.type).toBe(problemType('C3', 'not-a-collaborator'));
    await t.http().delete(`/api/v1/customers/${UNKNOWN_ID}/collaborators/rep-ben`).set('authorization', t.rep).expect(404);
    expect((await t.http().delete(`/api/v1/customers/${id}/collaborators/rep-ben`).query({ why: 'x' }).set('authorization', t.rep).expect(400)).body.errors[0].field).toBe('why');
    const removed = (await t.events()).find((e) => e.type === 'customers.collaborator-removed.v1');
    expect(removed?.data).toMatchObject({ reason: 'project finished', collaboratorIds: [] });
  });
});
