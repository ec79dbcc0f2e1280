import { CustomerEventTypes } from '@rapport/customers-contracts';
import { DAY_MS, problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('POST /api/v1/customers/:id/contacts (C5)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
  });
  afterAll(() => t.close());
  const log = (customerId: string, auth: string, body: object) => t.http().post(`/api/v1/customers/${customerId}/contacts`).set('authorization', auth).send(body);

  it('C5: logs channel, direction, outcome, notes and next step by whom; the card and book show the follow-up', async () => {
    const next = new Date(t.clock.now().getTime() + 7 * DAY_MS).toISOString();
    const response = await log(id, t.rep, { channel: 'visit', direction: 'outbound', outcome: 'not-now', notes: 'budget in April', nextStep: 'call back', nextStepAt: next }).expect(200);
    expect(response.body.events).toContain('customers.contact-logged.v1');
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200);
    expect(card.body).toMatchObject({ contactCount: 1, nextStep: 'call back', nextFollowUpAt: next, lastContact: { channel: 'visit', outcome: 'not-now', by: 'rep-ana' } });
    const messages = await t.published();
    expect(messages.map((m) => m.event)).toContainEqual(
      expect.objectContaining({ type: CustomerEventTypes.contactLogged, data: expect.objectContaining({ outcome: 'not-now', loggedBy: 'rep-ana', nextStepAt: next }) }),
    );
    expect(JSON.stringify(messages)).not.toContain('budget in April');
  });

  it('C5: a contact in the future is a 422 naming the rule', async () => {
    const future = new Date(t.clock.now().getTime() + DAY_MS).toISOString();
    const response = await log(id, t.rep, { channel: 'call', direction: 'outbound', outcome: 'reached', occurredAt: future }).expect(422);
    expect(response.body.type).toBe(problemType('C5', 'contact-in-future'));
  });

  it('C3: another rep cannot log contacts on the customer; an auditor cannot log at all', async () => {
    expect((await log(id, t.otherRep, { channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(403)).body.type).toBe(problemType('C3', 'not-owner-or-collaborator'));
    await log(id, t.auditor, { channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(403);
  });

  it('400 names each invalid field; 404 for an unknown customer', async () => {
    const response = await log(id, t.rep, { channel: 'fax', direction: 'sideways', outcome: 'reached', nextStepAt: 'tomorrow' }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'direction', 'nextStepAt']);
    await log(UNKNOWN_ID, t.rep, { channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(404);
  });
});
