import { CustomerEventTypes } from '@rapport/customers-contracts';
import { DAY_MS, problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('reclaim when neglected (C4), over HTTP with a manual clock', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const sweep = async (body: object = {}) => (await t.http().post('/api/v1/customers/sweeps').set('authorization', t.manager).send(body).expect(200)).body;
  const reclaim = (body: object, customerId = id, auth = t.manager) => t.http().post(`/api/v1/customers/${customerId}/reclaim`).set('authorization', auth).send(body);
  const contact = () => t.http().post(`/api/v1/customers/${id}/contacts`).set('authorization', t.rep).send({ channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(200);

  it('C4: a contact logged on day 89 keeps ownership; none until day 90 after it makes it reclaimable', async () => {
    t.clock.advance(76 * DAY_MS);
    expect((await sweep()).warned).toEqual([id]);
    t.clock.advance(13 * DAY_MS); // day 89
    await contact();
    t.clock.advance(1 * DAY_MS); // day 90 since registration
    expect((await sweep()).becameReclaimable).toEqual([]);
    expect((await reclaim({ assignment: 'manager', toOwnerId: 'rep-ben', reason: 'neglected' }).expect(422)).body).toMatchObject({
      type: problemType('C4', 'not-reclaimable'),
      policyVersion: 'customers-policy-2026.2',
    });
    const listed = await t.http().get('/api/v1/customers/reclaimable').set('authorization', t.manager).expect(200);
    expect(listed.body.items).toEqual([]);

    t.clock.advance(88 * DAY_MS); // day 89 after the contact: warned again, still the owner's
    expect(await sweep()).toMatchObject({ warned: [id], becameReclaimable: [] });
    t.clock.advance(1 * DAY_MS); // day 90 after the contact
    const listedNow = await t.http().get('/api/v1/customers/reclaimable').set('authorization', t.manager).expect(200);
    expect(listedNow.body.items).toEqual([expect.objectContaining({ customerId: id, ownerId: 'rep-ana', reclaimableNow: true })]);
    expect((await sweep()).becameReclaimable).toEqual([id]);
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200);
    expect(card.body.reclaimStatus).toBe('reclaimable');
  });

  it('C4: a rep cannot reclaim; a manager reassigns, and the change is published with its cause', async () => {
    await reclaim({ assignment: 'manager', toOwnerId: 'rep-ben', reason: 'neglected' }, id, t.otherRep).expect(403);
    const response = await reclaim({ assignment: 'manager', toOwnerId: 'rep-ben', reason: 'no owner contact for 90 days' }).expect(200);
    expect(response.body.events).toEqual(['customers.customer-reclaimed.v1', 'customers.reclaim-clock-reset.v1']);
    const published = (await t.published()).map((m) => m.event);
    expect(published).toContainEqual(expect.objectContaining({ type: CustomerEventTypes.ownershipChanged, data: expect.objectContaining({ cause: 'reclaim', ownerId: 'rep-ben', assignment: 'manager' }) }));
    expect(published.filter((e) => e.type === CustomerEventTypes.reclaimabilityChanged).map((e) => (e.data as { status: string }).status)).toEqual(['warned', 'cleared', 'warned', 'reclaimable', 'cleared']);
  });

  it('400 names a missing assignee or reason; 404 for an unknown customer', async () => {
    const invalid = await reclaim({ assignment: 'manager' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reason', 'toOwnerId']);
    expect((await reclaim({ assignment: 'whoever', reason: 'x' }).expect(400)).body.errors[0].field).toBe('assignment');
    await reclaim({ assignment: 'manager', toOwnerId: 'rep-ben', reason: 'x' }, UNKNOWN_ID).expect(404);
  });
});

describe('auto-assignment of reclaimed customers (C4)', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());

  it('C4: the sweep reassigns by least-busy, counting each assignment before the next pick', async () => {
    const cy = t.as('rep-cy', 'rep');
    const busy = [await registerCustomer(t, { name: 'Cy 1', email: 'c1@cy.example' }, cy), await registerCustomer(t, { name: 'Cy 2', email: 'c2@cy.example' }, cy)];
    const dee = t.as('rep-dee', 'rep');
    const first = await registerCustomer(t, { name: 'Neglected 1', email: 'n1@example.com' }, dee);
    t.clock.advance(60_000);
    const second = await registerCustomer(t, { name: 'Neglected 2', email: 'n2@example.com' }, dee);
    t.clock.advance(91 * DAY_MS);
    for (const id of busy) {
      await t.http().post(`/api/v1/customers/${id}/contacts`).set('authorization', cy).send({ channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(200);
    }
    const report = (await t.http().post('/api/v1/customers/sweeps').set('authorization', t.manager).send({ autoAssign: 'least-busy', candidates: ['rep-cy', 'rep-eve', 'rep-fay'] }).expect(200)).body;
    expect(report.becameReclaimable).toEqual([first, second]);
    expect(report.reassigned).toEqual([
      { customerId: first, from: 'rep-dee', to: 'rep-eve' },
      { customerId: second, from: 'rep-dee', to: 'rep-fay' },
    ]);
  });

  it('C4: a manager can reclaim by round-robin: the rep who waited longest gets the customer', async () => {
    // Reps no other test here assigns, so the rotation is this test's own whatever runs before it.
    const gus = t.as('rep-gus', 'rep');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await registerCustomer(t, { name: `Neglected by Gus ${i}`, email: `gus-${i}@example.com` }, gus));
    t.clock.advance(91 * DAY_MS);
    const owners: string[] = [];
    for (const id of ids) {
      const response = await t.http().post(`/api/v1/customers/${id}/reclaim`).set('authorization', t.manager).send({ assignment: 'round-robin', candidates: ['rep-ana', 'rep-ben', 'rep-hal'], reason: 'neglected' }).expect(200);
      expect(response.body.events).toContain('customers.customer-reclaimed.v1');
      owners.push((await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200)).body.ownerId);
    }
    // Never assigned first, in the order listed; then the one who waited longest, so the fourth goes to Ana again.
    expect(owners).toEqual(['rep-ana', 'rep-ben', 'rep-hal', 'rep-ana']);
    expect((await t.http().get(`/api/v1/customers/${ids[0]}`).set('authorization', t.manager).expect(200)).body).toMatchObject({ ownerAssignment: 'round-robin' });
  });
});
