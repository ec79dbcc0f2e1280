import { problemType, registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

describe('POST /api/v1/customers (C1, C3)', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());

  it('C3: registers a customer owned by the calling rep: 201 with its id and owner', async () => {
    const response = await t.http().post('/api/v1/customers').set('authorization', t.rep).send({ name: 'Mia Wong', phone: '(415) 555-0100', region: 'US', email: 'Mia@Example.com' }).expect(201);
    expect(response.body).toMatchObject({ ownerId: 'rep-ana', customerId: expect.any(String) });
    const card = await t.http().get(`/api/v1/customers/${response.body.customerId}`).set('authorization', t.rep).expect(200);
    expect(card.body).toMatchObject({ phone: '+14155550100', email: 'mia@example.com', ownerId: 'rep-ana', stage: 'prospect-without-intent' });
  });

  it('C1: a second registration with the same phone in another notation is a 409 naming the existing customer and its owner, and is recorded', async () => {
    const existing = await registerCustomer(t, { name: 'Leo Park', phone: '+1 212 555 0199' });
    const refused = await t.http().post('/api/v1/customers').set('authorization', t.otherRep).send({ name: 'Leonard Park', phone: '(212) 555-0199', region: 'us' }).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: problemType('C1', 'duplicate-customer'), rule: 'C1', existingCustomerId: existing, existingOwnerId: 'rep-ana', matchedOn: 'phone' });
    const refusals = (await t.events()).filter((e) => e.type === 'customers.duplicate-registration-refused.v1');
    expect(refusals.at(-1)).toMatchObject({ data: { existingCustomerId: existing, by: 'rep-ben', attempt: { name: 'Leonard Park' } }, metadata: { actor: { id: 'rep-ben' } } });
  });

  it('C1: the same email in another case is a duplicate too', async () => {
    const existing = await registerCustomer(t, { name: 'Zoe Tan', email: 'zoe@tan.example' });
    const refused = await t.http().post('/api/v1/customers').set('authorization', t.rep).send({ name: 'Zoe', email: '  ZOE@Tan.Example ' }).expect(409);
    expect(refused.body).toMatchObject({ existingCustomerId: existing, matchedOn: 'email' });
  });

  it('C1: a refused registration whose email was free claims nothing: the email stays free', async () => {
    await registerCustomer(t, { name: 'Ray Ito', phone: '+1 303 555 0111' });
    await t.http().post('/api/v1/customers').set('authorization', t.otherRep).send({ name: 'Ray', phone: '+1 303 555 0111', email: 'ray@ito.example' }).expect(409);
    await t.http().post('/api/v1/customers').set('authorization', t.otherRep).send({ name: 'Ray Ito Jr', email: 'ray@ito.example' }).expect(201);
  });

  it('C1: two reps registering the same phone at the same instant end with exactly one customer and one audited refusal', async () => {
    const body = (name: string) => ({ name, phone: '+1 646 555 0142', email: `${name.toLowerCase()}@race.example` });
    const [a, b] = await Promise.all([
      t.http().post('/api/v1/customers').set('authorization', t.rep).send(body('Ana')),
      t.http().post('/api/v1/customers').set('authorization', t.otherRep).send(body('Ben')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const events = await t.events();
    const registered = events.filter((e) => e.type === 'customers.customer-registered.v1' && (e.data as { phone: string }).phone === '+16465550142');
    const refused = events.filter((e) => e.type === 'customers.duplicate-registration-refused.v1' && (e.data as { key: string }).key === 'phone:+16465550142');
    expect(registered).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // The loser's email, claimed before it lost on the phone or never claimed at all, is free again.
    const loser = a.status === 409 ? 'Ana' : 'Ben';
    await t.http().post('/api/v1/customers').set('authorization', t.manager).send({ name: 'Someone', email: `${loser.toLowerCase()}@race.example` }).expect(201);
  });

  it('answers a retried registration (same Idempotency-Key) with the original customer and no second effect', async () => {
    const send = () => t.http().post('/api/v1/customers').set('authorization', t.rep).set('Idempotency-Key', 'register-0001').send({ name: 'Kai Lo', phone: '+1 415 555 0177' });
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });

  it('400 problem+json names each invalid field; unknown fields (like an owner) are refused', async () => {
    const response = await t.http().post('/api/v1/customers').set('authorization', t.rep).send({ name: '', email: 'nope', ownerId: 'rep-ben' }).expect(400);
    expect(response.body.type).toBe('https://rapport.dev/problems/validation-error');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'ownerId']);
    const phone = await t.http().post('/api/v1/customers').set('authorization', t.rep).send({ name: 'X', phone: '123' }).expect(400);
    expect(phone.body.errors).toEqual([{ field: 'phone', messages: ['phone is not a valid phone number'] }]);
  });

  it('C3: auditors cannot register customers', async () => {
    await t.http().post('/api/v1/customers').set('authorization', t.auditor).send({ name: 'Mia' }).expect(403);
  });

  it('404 for an unknown customer', async () => {
    await t.http().get('/api/v1/customers/00000000-0000-4000-8000-000000000000').set('authorization', t.rep).expect(404);
  });

  it('C1, C3: /metrics counts each registration once by outcome: accepted, and a refused duplicate as rejected-conflict', async () => {
    const count = async (outcome: string): Promise<number> => {
      const text = (await t.http().get('/metrics').expect(200)).text;
      const line = text.split('\n').find((l) => l.startsWith('rapport_commands_total{') && l.includes('command="register-customer"') && l.includes(`outcome="${outcome}"`));
      return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
    };
    const [accepted, refused] = [await count('accepted'), await count('rejected-conflict')];
    await registerCustomer(t, { name: 'Ida Moss', phone: '+1 503 555 0177' });
    await t.http().post('/api/v1/customers').set('authorization', t.otherRep).send({ name: 'Ida', phone: '+1 503 555 0177' }).expect(409);
    expect([(await count('accepted')) - accepted, (await count('rejected-conflict')) - refused]).toEqual([1, 1]);
  });
});
