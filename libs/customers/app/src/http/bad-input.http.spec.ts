import { registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

/** Bad input is a 4xx problem naming the limit or the field — never a 5xx, a reset, or anything stored. */
describe('bad input (SEC-3, SEC-4)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong' });
  });
  afterAll(() => t.close());
  const post = (path: string) => t.http().post(path).set('authorization', t.rep);
  const expectProblem = (response: { status: number; headers: Record<string, string> }, status: number): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
  };
  const unchanged = async (run: () => Promise<unknown>): Promise<void> => {
    const before = (await t.events()).length;
    await run();
    expect((await t.events()).length).toBe(before);
  };

  it('SEC-3: an 11 MB JSON body is a 413 naming the limit', async () => {
    await unchanged(async () => {
      const response = await post('/api/v1/customers').set('content-type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(11 * 1024 * 1024) }));
      expectProblem(response, 413);
      expect(response.body).toMatchObject({ type: 'https://rapport.dev/problems/payload-too-large', limit: '10mb' });
    });
  });

  it('SEC-3: a 20 MB CSV is a 413 naming the limit, not a reset connection', async () => {
    const csv = `name\n${'Someone Long Named\n'.repeat(1_200_000)}`;
    const response = await post('/api/v1/customers/imports/csv').set('content-type', 'text/csv').send(csv);
    expectProblem(response, 413);
    expect(response.body.limit).toBe('20mb');
  });

  it('SEC-3: a declared charset other than UTF-8 is a 415', async () => {
    const response = await post('/api/v1/customers').set('content-type', 'application/json; charset=iso-8859-1').send(Buffer.from('{"name":"Zo\xeb"}', 'latin1'));
    expectProblem(response, 415);
  });

  it('SEC-3: a false content-encoding: gzip is a 415', async () => {
    const response = await post('/api/v1/customers').set('content-type', 'application/json').set('content-encoding', 'gzip').send('{"name":"Mia"}');
    expectProblem(response, 415);
  });

  it('SEC-3: form-encoded bodies are refused with 415, not accepted', async () => {
    await unchanged(async () => {
      const response = await post('/api/v1/customers').type('form').send('name=Form+Filled');
      expectProblem(response, 415);
      expect(response.body.accepted).toContain('application/json');
    });
  });

  it('SEC-3: JSON nested 10,000 deep is a 400 naming the depth limit', async () => {
    const deep = `{"name":"Deep","company":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const response = await post('/api/v1/customers').set('content-type', 'application/json').send(deep);
    expectProblem(response, 400);
    expect(response.body).toMatchObject({ type: 'https://rapport.dev/problems/body-too-deep', limit: 32 });
  });

  it('SEC-3: malformed JSON is a 400', async () => {
    expectProblem(await post('/api/v1/customers').set('content-type', 'application/json').send('{"name":'), 400);
  });

  it.each([[1e-7], [5e-324], [0.001], [-5], [1e300]])('SEC-3: an amount of %p is a 400 naming the field', async (amount) => {
    await unchanged(async () => {
      const response = await post(`/api/v1/customers/${id}/purchases`).send({ amount, category: 'laptops' });
      expectProblem(response, 400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['amount']);
    });
  });

  it('SEC-3: an estimate of 5e-324 is a 400 naming the field', async () => {
    const response = await post(`/api/v1/customers/${id}/category-spend`).send({ category: 'laptops', estimatedAnnualSpend: 5e-324 });
    expectProblem(response, 400);
    expect(response.body.errors[0].field).toBe('estimatedAnnualSpend');
  });

  it('SEC-3: offset=1e19 is a 400 naming the field', async () => {
    const response = await t.http().get('/api/v1/customers/book?offset=1e19').set('authorization', t.rep);
    expectProblem(response, 400);
    expect(response.body.errors[0].field).toBe('offset');
  });

  it.each([
    ['NUL', 'Mia\u0000'],
    ['an ANSI escape', '\u001b[2JMia'],
    ['a bidi override', '\u202Eaim'],
    ['a lone surrogate', 'Mia\uD83D'],
    ['only a zero-width space', '\u200B'],
  ])('SEC-4: a name with %s is a 400 naming the field, nothing stored', async (_, name) => {
    await unchanged(async () => {
      const response = await post('/api/v1/customers').send({ name });
      expectProblem(response, 400);
      expect(response.body.errors[0].field).toBe('name');
    });
  });

  it('SEC-4: names are stored NFC-normalised', async () => {
    const created = await registerCustomer(t, { name: 'Zoe\u0301 Tan' });
    const card = await t.http().get(`/api/v1/customers/${created}`).set('authorization', t.rep).expect(200);
    expect(card.body.name).toBe('Zo\u00e9 Tan');
  });
});
