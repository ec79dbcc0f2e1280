import { problemType, registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

describe('lookalike emails (C1, SEC-4)', () => {
  let t: CustomersTestApp;
  let existing: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    existing = await registerCustomer(t, { name: 'Mia Wong', email: 'mia@example.com' });
  });
  afterAll(() => t.close());

  it.each([
    ['a Cyrillic "а" in the domain', 'mia@exаmple.com'],
    ['a Cyrillic "і" in the local part', 'mіa@example.com'],
    ['a zero-width space', 'mia\u200B@example.com'],
  ])('C1: an email with %s is the same customer: 409 naming the existing one', async (_, email) => {
    const response = await t.http().post('/api/v1/customers').set('authorization', t.otherRep).send({ name: 'Mia W.', email }).expect(409);
    expect(response.body).toMatchObject({ type: problemType('C1', 'duplicate-customer'), existingCustomerId: existing, matchedOn: 'email' });
  });
});
