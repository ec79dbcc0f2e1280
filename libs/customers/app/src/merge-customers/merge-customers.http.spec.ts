import { CustomerEventTypes } from '@rapport/customers-contracts';
import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('merge and unmerge (C2)', () => {
  let t: CustomersTestApp;
  let survivor: string;
  let duplicate: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    survivor = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
    duplicate = await registerCustomer(t, { name: 'Mia Wong-Li', phone: '+1 415 555 0199', email: 'mia@example.com', company: 'Wong Logistics' }, t.otherRep);
    await t.http().post(`/api/v1/customers/${survivor}/purchases`).set('authorization', t.rep).send({ purchaseId: 'A-1', amount: 3_000, category: 'laptops' }).expect(200);
    await t.http().post(`/api/v1/customers/${duplicate}/purchases`).set('authorization', t.otherRep).send({ purchaseId: 'B-1', amount: 2_500, category: 'laptops' }).expect(200);
    await t.http().post(`/api/v1/customers/${duplicate}/contacts`).set('authorization', t.otherRep).send({ channel: 'call', direction: 'inbound', outcome: 'purchased' }).expect(200);
  });
  afterAll(() => t.close());
  const merge = (body: object, auth = t.manager, customerId = survivor) => t.http().post(`/api/v1/customers/${customerId}/merge`).set('authorization', auth).send(body);
  const unmerge = (body: object, auth = t.manager, customerId = survivor) => t.http().post(`/api/v1/customers/${customerId}/unmerge`).set('authorization', auth).send(body);
  const card = async (id: string) => (await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200)).body;
  const history = async (id: string) => (await t.http().get(`/api/v1/customers/${id}/history`).set('authorization', t.manager).expect(200)).body.items as { type: string; customerId: string }[];

  it('C2: only a manager merges; a differing field without a chosen winner is a 422 naming it', async () => {
    await merge({ mergedCustomerId: duplicate, reason: 'same person' }, t.rep).expect(403);
    const missing = await merge({ mergedCustomerId: duplicate, fieldWinners: { name: 'merged' }, reason: 'same person' }).expect(422);
    expect(missing.body).toMatchObject({ type: problemType('C2', 'field-winner-missing'), fields: ['phone'] });
    expect((await card(duplicate)).status).toBe('active'); // the refused merge left the duplicate as it was
  });

  it('C2: a refused merge leaves no event behind in either customer\'s history (one commit, nothing to compensate)', async () => {
    const before = { survivor: await history(survivor), duplicate: await history(duplicate) };
    await merge({ mergedCustomerId: duplicate, fieldWinners: { name: 'merged' }, reason: 'same person' }).expect(422);
    expect(await history(survivor)).toEqual(before.survivor);
    expect(await history(duplicate)).toEqual(before.duplicate);
    const mergeTypes = ['customers.customer-merged-into.v1', 'customers.customer-unmerged.v1', 'customers.customer-absorbed.v1'];
    for (const id of [survivor, duplicate]) expect((await history(id)).filter((e) => mergeTypes.includes(e.type))).toEqual([]);
  });

  it('C2: the survivor keeps both histories, and the duplicate\'s phone and email now find the survivor', async () => {
    const response = await merge({ mergedCustomerId: duplicate, fieldWinners: { name: 'merged', phone: 'survivor' }, reason: 'same person' }).expect(200);
    expect(response.body).toMatchObject({ customerId: survivor, mergeId: expect.any(String) });
    expect(await card(survivor)).toMatchObject({
      name: 'Mia Wong-Li',
      phone: '+14155550100',
      email: 'mia@example.com',
      company: 'Wong Logistics',
      ownerId: 'rep-ana',
      lifetimePoints: 5_500,
      tier: 'silver',
      purchaseCount: 2,
      contactCount: 1,
      mergedFrom: [duplicate],
    });
    expect(await card(duplicate)).toMatchObject({ status: 'merged', mergedInto: survivor });
    expect((await history(survivor)).filter((e) => e.customerId === duplicate).map((e) => e.type)).toEqual(
      expect.arrayContaining(['customers.customer-registered.v1', 'customers.purchase-recorded.v1', 'customers.contact-logged.v1']),
    );
    const refused = await t.http().post('/api/v1/customers').set('authorization', t.rep).send({ name: 'Mia', phone: '+1 415 555 0199' }).expect(409);
    expect(refused.body.existingCustomerId).toBe(survivor);
    expect((await t.published()).map((m) => m.event.type)).toContain(CustomerEventTypes.merged);
  });

  it('C2: a merged record is frozen (409), and cannot be merged again', async () => {
    const frozen = await t.http().post(`/api/v1/customers/${duplicate}/contacts`).set('authorization', t.otherRep).send({ channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(409);
    expect(frozen.body).toMatchObject({ type: problemType('C2', 'customer-merged'), survivorId: survivor });
    const other = await registerCustomer(t, { name: 'Zoe', email: 'zoe@example.com' });
    expect((await merge({ mergedCustomerId: duplicate, reason: 'again' }, t.manager, other).expect(409)).body.type).toBe(problemType('C2', 'customer-merged'));
  });

  it('C2: merge then unmerge restores both records and their histories', async () => {
    const response = await unmerge({ mergedCustomerId: duplicate, reason: 'not the same person after all' }).expect(200);
    expect(response.body.events).toEqual(expect.arrayContaining(['customers.merge-undone.v1', 'customers.tier-changed.v1']));
    expect(await card(survivor)).toMatchObject({ name: 'Mia Wong', phone: '+14155550100', email: null, company: null, lifetimePoints: 3_000, tier: 'member', purchaseCount: 1, contactCount: 0, mergedFrom: [] });
    expect(await card(duplicate)).toMatchObject({ status: 'active', mergedInto: null, name: 'Mia Wong-Li', ownerId: 'rep-ben', lifetimePoints: 2_500, purchaseCount: 1, contactCount: 1 });
    expect((await history(survivor)).every((e) => e.customerId === survivor)).toBe(true);
    const refused = await t.http().post('/api/v1/customers').set('authorization', t.rep).send({ name: 'Mia', email: 'mia@example.com' }).expect(409);
    expect(refused.body.existingCustomerId).toBe(duplicate);
    await t.http().post(`/api/v1/customers/${duplicate}/contacts`).set('authorization', t.otherRep).send({ channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(200);
  });

  it('C2: unmerging a record that is not merged is a 422; 400 names invalid fields; 404 for unknown customers', async () => {
    expect((await unmerge({ mergedCustomerId: duplicate, reason: 'x' }).expect(422)).body.type).toBe(problemType('C2', 'not-merged'));
    const invalid = await merge({ mergedCustomerId: 'dup', fieldWinners: { shoeSize: 'merged' } }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fieldWinners', 'mergedCustomerId', 'reason']);
    await merge({ mergedCustomerId: UNKNOWN_ID, reason: 'x' }).expect(404);
    await merge({ mergedCustomerId: duplicate, reason: 'x' }, t.manager, UNKNOWN_ID).expect(404);
  });
});
