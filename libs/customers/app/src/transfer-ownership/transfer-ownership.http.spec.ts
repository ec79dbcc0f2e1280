import { CustomerEventTypes } from '@rapport/customers-contracts';
import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('POST /api/v1/customers/:id/ownership/transfer (C3)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const transfer = (customerId: string, auth: string, body: object) => t.http().post(`/api/v1/customers/${customerId}/ownership/transfer`).set('authorization', auth).send(body);

  it('C3: a non-manager cannot transfer ownership, not even the owner: 403', async () => {
    const response = await transfer(id, t.rep, { toOwnerId: 'rep-ben', reason: 'swap' }).expect(403);
    expect(response.body.type).toBe('https://rapport.dev/problems/forbidden');
    await transfer(id, t.otherRep, { toOwnerId: 'rep-ben', reason: 'grab' }).expect(403);
  });

  it('C3: a manager transfers with a reason; the new owner reads the card, the old one no longer can', async () => {
    const response = await transfer(id, t.manager, { toOwnerId: 'rep-ben', reason: 'territory realignment' }).expect(200);
    expect(response.body.events).toContain('customers.ownership-transferred.v1');
    await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.otherRep).expect(200);
    await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(403);
    const transferred = (await t.events()).find((e) => e.type === 'customers.ownership-transferred.v1');
    expect(transferred?.metadata).toMatchObject({ actor: { id: 'manager-max' }, reason: 'territory realignment', via: 'api' });
  });

  it('C3: the change is published as ownership-changed for other services', async () => {
    const messages = await t.published();
    expect(messages.map((m) => m.event)).toContainEqual(
      expect.objectContaining({ type: CustomerEventTypes.ownershipChanged, subject: id, data: expect.objectContaining({ previousOwnerId: 'rep-ana', ownerId: 'rep-ben', cause: 'transfer' }) }),
    );
  });

  it('C3: transferring to the current owner is a 422 naming the rule', async () => {
    const response = await transfer(id, t.manager, { toOwnerId: 'rep-ben', reason: 'again' }).expect(422);
    expect(response.body).toMatchObject({ type: problemType('C3', 'already-owner'), rule: 'C3' });
  });

  it('400 names the missing reason; 404 for an unknown customer', async () => {
    const invalid = await transfer(id, t.manager, { toOwnerId: 'rep-cy' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    await transfer(UNKNOWN_ID, t.manager, { toOwnerId: 'rep-cy', reason: 'x' }).expect(404);
    const badId = await transfer('not-a-uuid', t.manager, { toOwnerId: 'rep-cy', reason: 'x' }).expect(400);
    expect(badId.body.errors).toEqual([{ field: 'customerId', messages: ['customerId must be a UUID'] }]);
  });
});
