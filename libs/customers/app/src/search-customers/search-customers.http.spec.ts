import { registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

describe('search, book, duplicates and history (read side)', () => {
  let t: CustomersTestApp;
  let mia: string;
  let leo: string;
  let ivy: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    mia = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100', email: 'mia@wong.example', company: 'Wong Logistics' });
    leo = await registerCustomer(t, { name: 'Leo Park', phone: '+1 212 555 0199', company: 'Park & Wong' }, t.otherRep);
    ivy = await registerCustomer(t, { name: 'Ivy Chen', email: 'ivy@chen.example' });
  });
  afterAll(() => t.close());
  const search = (q: string, auth: string) => t.http().get('/api/v1/customers').query({ q }).set('authorization', auth);

  it('finds customers by part of the name, company, email or phone, case-insensitively', async () => {
    expect((await search('WONG', t.manager).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([leo, mia]);
    expect((await search('415 555', t.manager).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([mia]);
    expect((await search('chen.example', t.auditor).expect(200)).body.total).toBe(1);
  });

  it('SEC-14: without q, lists every customer the caller may see, by name, paged — and the document says q is optional with a minimum of 2', async () => {
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((c) => c.id);
    expect(ids(await t.http().get('/api/v1/customers').set('authorization', t.manager).expect(200))).toEqual([ivy, leo, mia]);
    expect(ids(await t.http().get('/api/v1/customers').set('authorization', t.rep).expect(200))).toEqual([ivy, mia]);
    const page = await t.http().get('/api/v1/customers').query({ limit: 1, offset: 1 }).set('authorization', t.manager).expect(200);
    expect(page.body).toMatchObject({ items: [{ id: leo, name: 'Leo Park' }], total: 3 });
    const doc = await t.http().get('/docs-json').expect(200);
    const q = doc.body.paths['/api/v1/customers'].get.parameters.find((p: { name: string }) => p.name === 'q');
    expect(q).toMatchObject({ in: 'query', required: false, schema: { minLength: 2, maxLength: 100 } });
    expect(q.description).toMatch(/At least 2 characters/);
  });

  it("SEC-14: the document describes what search, a rep's book and a history answer, with examples, so Try it shows them", async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const answer = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema.$ref;
    expect(answer('/api/v1/customers')).toBe('#/components/schemas/CustomerHitsDto');
    expect(answer('/api/v1/customers/book')).toBe('#/components/schemas/RepBookDto');
    expect(answer('/api/v1/customers/{customerId}/history')).toBe('#/components/schemas/CustomerHistoryDto');
    expect(doc.components.schemas.CustomerHit.properties.phone).toMatchObject({ example: '+14155550100', nullable: true });
    expect(doc.components.schemas.BookEntry.properties.nextFollowUpAt).toMatchObject({ format: 'date-time', example: '2026-01-20T09:00:00.000Z' });
    expect(doc.components.schemas.HistoryEntry.properties.type.example).toBe('customers.customer-registered.v1');
  });

  it('C3: a customer id (in any case) finds that customer, and only for someone who may see it', async () => {
    expect((await search(leo.toUpperCase(), t.auditor).expect(200)).body).toMatchObject({ items: [{ id: leo, name: 'Leo Park' }], total: 1 });
    expect((await search(leo, t.rep).expect(200)).body).toEqual({ items: [], total: 0 });
  });

  it('C3: a rep finds only customers they own or collaborate on', async () => {
    expect((await search('wong', t.rep).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([mia]);
    await t.http().post(`/api/v1/customers/${leo}/collaborators`).set('authorization', t.otherRep).send({ collaboratorId: 'rep-ana' }).expect(200);
    expect((await search('wong', t.rep).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([leo, mia]);
  });

  it("a rep's book lists owned customers with last contact, stage, grade and next follow-up, soonest first", async () => {
    await t.http().post(`/api/v1/customers/${mia}/grade`).set('authorization', t.rep).send({ grade: 'B', reason: 'budget next quarter' }).expect(200);
    await t.http().post(`/api/v1/customers/${mia}/contacts`).set('authorization', t.rep).send({ channel: 'call', direction: 'outbound', outcome: 'interested', nextStep: 'send quote', nextStepAt: '2026-01-20T09:00:00Z' }).expect(200);
    const book = await t.http().get('/api/v1/customers/book').set('authorization', t.rep).expect(200);
    expect(book.body).toMatchObject({ ownerId: 'rep-ana', total: 2 });
    expect(book.body.items[0]).toEqual({
      customerId: mia,
      name: 'Mia Wong',
      company: 'Wong Logistics',
      stage: 'prospect-with-intent',
      grade: 'B',
      tier: null,
      lastContactAt: '2026-01-05T09:00:00.000Z',
      nextStep: 'send quote',
      nextFollowUpAt: '2026-01-20T09:00:00.000Z',
      reclaimStatus: 'ok',
    });
    expect(book.body.items[1]).toMatchObject({ name: 'Ivy Chen', nextFollowUpAt: null });
    await t.http().get('/api/v1/customers/book').query({ ownerId: 'rep-ben' }).set('authorization', t.rep).expect(403);
    expect((await t.http().get('/api/v1/customers/book').query({ ownerId: 'rep-ben' }).set('authorization', t.manager).expect(200)).body.total).toBe(1);
  });

  it('C1: the duplicates list shows who tried to register whom, and whose customer it was; a rep sees their own attempts', async () => {
    await t.http().post('/api/v1/customers').set('authorization', t.otherRep).send({ name: 'Mia W', email: 'MIA@wong.example' }).expect(409);
    const all = await t.http().get('/api/v1/customers/duplicates').set('authorization', t.manager).expect(200);
    expect(all.body.items[0]).toMatchObject({ existingCustomerId: mia, existingOwnerId: 'rep-ana', attemptedBy: 'rep-ben', matchedOn: 'email', attempt: { name: 'Mia W' } });
    expect((await t.http().get('/api/v1/customers/duplicates').set('authorization', t.rep).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/api/v1/customers/duplicates').set('authorization', t.otherRep).expect(200)).body.total).toBe(1);
  });

  it('A1: the history names who, when, through what and why for each event', async () => {
    const history = await t.http().get(`/api/v1/customers/${mia}/history`).set('authorization', t.auditor).expect(200);
    expect(history.body.items[0]).toMatchObject({ type: 'customers.customer-registered.v1', actor: { id: 'rep-ana' }, via: 'api', at: '2026-01-05T09:00:00.000Z' });
    expect(history.body.items.find((e: { type: string }) => e.type === 'customers.grade-set.v1')).toMatchObject({ reason: 'budget next quarter' });
    await t.http().get(`/api/v1/customers/${mia}/history`).set('authorization', t.otherRep).expect(403);
  });

  it('400 names a too-short search term or an invalid page size', async () => {
    expect((await search('w', t.manager).expect(400)).body.errors[0].field).toBe('q');
    expect((await t.http().get('/api/v1/customers/duplicates').query({ limit: 1_000 }).set('authorization', t.manager).expect(400)).body.errors[0].field).toBe('limit');
  });
});
