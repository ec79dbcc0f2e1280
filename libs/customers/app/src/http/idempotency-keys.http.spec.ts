import { registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

/** The platform's Idempotency-Key handling, proven on the customers commands where its absence hurt. */
describe('Idempotency-Key on commands (SEC-1)', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());
  const register = (key: string, body: object, auth = t.rep) => t.http().post('/api/v1/customers').set('authorization', auth).set('Idempotency-Key', key).send(body);
  const log = (customerId: string, key: string) =>
    t.http().post(`/api/v1/customers/${customerId}/contacts`).set('authorization', t.rep).set('Idempotency-Key', key).send({ channel: 'call', direction: 'outbound', outcome: 'reached' });

  it('SEC-1: the same key with another body is a 422 and claims nothing: the new phone and email stay free', async () => {
    const first = await register('sec1-body-0001', { name: 'Kai Lo', phone: '+1 415 555 0101' }).expect(201);
    const before = (await t.events()).length;
    const reused = await register('sec1-body-0001', { name: 'Kai Lo', phone: '+1 415 555 0102', email: 'grab@example.com' }).expect(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.body.type).toBe('https://rapport.dev/problems/idempotency-key-reused');
    expect((await t.events()).length).toBe(before);
    // The phone and email the reused key carried were never claimed: someone else may register them.
    const other = await registerCustomer(t, { name: 'Ivy Chen', phone: '+1 415 555 0102', email: 'grab@example.com' }, t.otherRep);
    expect(other).not.toBe(first.body.customerId);
  });

  it('SEC-1: a key reused on another customer is a 422, never an acknowledgement of a contact that was not recorded', async () => {
    const a = await registerCustomer(t, { name: 'Ana A' });
    const b = await registerCustomer(t, { name: 'Ben B' });
    await log(a, 'sec1-contact-01').expect(200);
    expect((await log(b, 'sec1-contact-01').expect(422)).body.type).toBe('https://rapport.dev/problems/idempotency-key-reused');
    const card = await t.http().get(`/api/v1/customers/${b}`).set('authorization', t.rep).expect(200);
    expect(card.body.contactCount).toBe(0);
  });

  it('SEC-1: every replay carries Idempotent-Replayed: true and the original answer, with no second effect', async () => {
    const id = await registerCustomer(t, { name: 'Replay Me' });
    const first = await log(id, 'sec1-replay-01').expect(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await log(id, 'sec1-replay-01').expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200);
    expect(card.body.contactCount).toBe(1);
  });

  it('SEC-1: a key is scoped to the principal: another rep sending the same key gets its own command', async () => {
    const mine = await register('sec1-scope-0001', { name: 'Scoped One' }).expect(201);
    const theirs = await register('sec1-scope-0001', { name: 'Scoped One' }, t.otherRep).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.customerId).not.toBe(mine.body.customerId);
  });

  it('SEC-1: concurrent repeats of one key have one effect and one answer', async () => {
    const body = { name: 'Racing Rita', email: 'rita@example.com' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => register('sec1-race-00001', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.customerId)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    const registered = (await t.events()).filter((e) => e.type === 'customers.customer-registered.v1' && (e.data as { email: string | null }).email === 'rita@example.com');
    expect(registered).toHaveLength(1);
  });

  it('SEC-1: a request that failed binds nothing: the key may carry a corrected body', async () => {
    await register('sec1-fail-00001', { name: '' }).expect(400);
    await register('sec1-fail-00001', { name: 'Corrected' }).expect(201);
  });
});
