import { CustomerEventTypes } from '@rapport/customers-contracts';
import { ImportJobs } from '../import-customers/import-jobs';
import { DAY_MS, problemType, registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

describe('D1: owners, collaborators, transfer targets and assignees are active people of the directory', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const transfer = (toOwnerId: string) => t.http().post(`/api/v1/customers/${id}/ownership/transfer`).set('authorization', t.manager).send({ toOwnerId, reason: 'territory' });

  it('D1: a transfer to a made-up person is a 422 problem+json naming D1, and changes nothing', async () => {
    const response = await transfer('rep-nobody').expect(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: problemType('D1', 'unknown-person'), rule: 'D1', status: 422, personId: 'rep-nobody', standing: 'unknown', part: 'transfer target' });
    expect((await t.events()).map((e) => e.type)).not.toContain('customers.ownership-transferred.v1');
  });

  it('D1: a transfer to a person who left is a 422 naming D1; to an active one it succeeds', async () => {
    await t.deactivate('rep-cy');
    expect((await transfer('rep-cy').expect(422)).body).toMatchObject({ type: problemType('D1', 'inactive-person'), rule: 'D1', standing: 'inactive' });
    await transfer('rep-ben').expect(200);
  });

  it('D1: a collaborator must be an active person', async () => {
    const add = (collaboratorId: string) => t.http().post(`/api/v1/customers/${id}/collaborators`).set('authorization', t.manager).send({ collaboratorId });
    expect((await add('rep-ghost').expect(422)).body.rule).toBe('D1');
    expect((await add('rep-cy').expect(422)).body.rule).toBe('D1');
    await add('rep-ana').expect(200);
  });

  it('D1: a person the directory does not know cannot register (and so own) customers; once hired, they can', async () => {
    const newcomer = t.as('rep-zoe', 'rep');
    const refused = await t.http().post('/api/v1/customers').set('authorization', newcomer).send({ name: 'Lee Park', email: 'lee@example.com' }).expect(422);
    expect(refused.body).toMatchObject({ type: problemType('D1', 'unknown-person'), part: 'owner' });
    await t.hire('rep-zoe');
    await registerCustomer(t, { name: 'Lee Park', email: 'lee@example.com' }, newcomer);
  });

  it('D1: an imported row whose owner is not an active person is reported invalid, naming D1; the others are created', async () => {
    const csv = 'name,email,owner\nRow One,one@import.example,rep-ana\nRow Two,two@import.example,rep-cy\nRow Three,three@import.example,rep-ghost\n';
    const submitted = await t.http().post('/api/v1/customers/imports/csv').set('authorization', t.manager).set('content-type', 'text/csv').send(csv).expect(202);
    await t.app.get(ImportJobs).idle();
    const response = await t.http().get(submitted.headers['location']!).set('authorization', t.manager).expect(200);
    expect(response.body.rows).toEqual([
      { row: 1, status: 'created', customerId: expect.any(String) },
      { row: 2, status: 'invalid', errors: [{ field: 'owner', message: 'D1: rep-cy is no longer active in the directory' }] },
      { row: 3, status: 'invalid', errors: [{ field: 'owner', message: 'D1: rep-ghost is not a person of the directory' }] },
    ]);
  });

  it('D1: a reclaim names an active assignee; the auto policies never pick someone who left', async () => {
    t.clock.advance(91 * DAY_MS);
    const reclaim = (body: object) => t.http().post(`/api/v1/customers/${id}/reclaim`).set('authorization', t.manager).send({ reason: 'neglected', ...body });
    expect((await reclaim({ assignment: 'manager', toOwnerId: 'rep-cy' }).expect(422)).body).toMatchObject({ rule: 'D1', part: 'assignee' });
    await reclaim({ assignment: 'least-busy', candidates: ['rep-cy', 'rep-dee'] }).expect(200);
    expect((await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200)).body.ownerId).toBe('rep-dee');
  });
});

describe('D2: a rep leaves — their customers are reassignable at once through the assignment policy', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());
  const sweep = async (body: object) => (await t.http().post('/api/v1/customers/sweeps').set('authorization', t.manager).send(body).expect(200)).body;

  it('D2: deactivating a rep who owns 50 customers makes all 50 reassignable at once, each move recorded with its reason', async () => {
    const dee = t.as('rep-dee', 'rep');
    const owned: string[] = [];
    for (let i = 0; i < 50; i++) owned.push(await registerCustomer(t, { name: `Customer ${i}`, email: `c${i}@dee.example` }, dee));
    t.clock.advance(60_000);
    const candidates = ['rep-eve', 'rep-fay', 'rep-hal'];

    // While Dee is active her customers are hers: a day-old customer is nowhere near the 90-day reclaim.
    expect((await sweep({ autoAssign: 'least-busy', candidates })).reassigned).toEqual([]);

    await t.deactivate('rep-dee', 'left the company');
    const report = await sweep({ autoAssign: 'least-busy', candidates });
    expect(report.reassigned).toHaveLength(50);
    expect(new Set(report.reassigned.map((r: { customerId: string }) => r.customerId))).toEqual(new Set(owned));
    expect(report.reassigned.every((r: { from: string; to: string }) => r.from === 'rep-dee' && candidates.includes(r.to))).toBe(true);
    // Through the C4 policy: least-busy spreads them evenly.
    const perRep = candidates.map((rep) => report.reassigned.filter((r: { to: string }) => r.to === rep).length);
    expect(Math.max(...perRep) - Math.min(...perRep)).toBeLessThanOrEqual(1);

    const reclaimed = (await t.events()).filter((e) => e.type === 'customers.customer-reclaimed.v1');
    expect(reclaimed).toHaveLength(50);
    for (const e of reclaimed) expect(e.data).toMatchObject({ fromOwnerId: 'rep-dee', assignment: 'least-busy', reason: 'D2: owner rep-dee left (left the company) (sweep)' });
    const book = await t.http().get('/api/v1/customers/book?ownerId=rep-dee').set('authorization', t.manager).expect(200);
    expect(book.body.items ?? book.body).toHaveLength(0);
    const published = (await t.published()).map((m) => m.event).filter((e) => e.type === CustomerEventTypes.ownershipChanged);
    expect(published).toHaveLength(50);
    expect(published[0]).toMatchObject({ data: { previousOwnerId: 'rep-dee', cause: 'reclaim', assignment: 'least-busy' } });
  });

  it('D2: a manager may also reclaim one customer of a rep who left by hand, the same day', async () => {
    const gus = t.as('rep-gus', 'rep');
    const id = await registerCustomer(t, { name: 'Gus customer', email: 'one@gus.example' }, gus);
    const reclaim = () => t.http().post(`/api/v1/customers/${id}/reclaim`).set('authorization', t.manager).send({ assignment: 'manager', toOwnerId: 'rep-ana', reason: 'Gus left' });
    expect((await reclaim().expect(422)).body.rule).toBe('C4');
    await t.deactivate('rep-gus');
    await reclaim().expect(200);
    expect((await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200)).body.ownerId).toBe('rep-ana');
  });
});
