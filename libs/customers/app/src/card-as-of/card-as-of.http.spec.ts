import { registerCustomer, startCustomersTestApp, type CustomersTestApp, DAY_MS, START } from '../../test/customers-test-app';

describe('GET /api/v1/customers/:id/as-of (A3)', () => {
  let t: CustomersTestApp;
  let id: string;
  /** What the live system showed at the end of each day, as read then. */
  const shown: Record<number, unknown> = {};
  const liveCard = async () => {
    const { staleFields: _s, asOf: _a, ...card } = (await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200)).body;
    return card;
  };
  const day = (n: number) => new Date(START.getTime() + n * DAY_MS);

  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
    await t.http().post(`/api/v1/customers/${id}/grade`).set('authorization', t.rep).send({ grade: 'B', reason: 'no budget yet' }).expect(200);
    shown[0] = await liveCard();
    t.clock.set(day(2));
    await t.http().post(`/api/v1/customers/${id}/grade`).set('authorization', t.rep).send({ grade: 'A', reason: 'budget approved' }).expect(200);
    await t.http().post(`/api/v1/customers/${id}/contacts`).set('authorization', t.rep).send({ channel: 'call', direction: 'outbound', outcome: 'interested' }).expect(200);
    shown[2] = await liveCard();
    t.clock.set(day(4));
    await t.http().post(`/api/v1/customers/${id}/ownership/transfer`).set('authorization', t.manager).send({ toOwnerId: 'rep-ben', reason: 'territory' }).expect(200);
    shown[4] = await liveCard();
  });
  afterAll(() => t.close());

  const asOf = async (at: Date, auth = t.as('auditor-ada', 'auditor')) =>
    (await t.http().get(`/api/v1/customers/${id}/as-of?at=${at.toISOString()}`).set('authorization', auth).expect(200)).body;

  it('A3: a moment in the middle returns exactly the card the live system showed that day, and the position it stands at', async () => {
    const middle = await asOf(new Date(day(3).getTime() - 1));
    expect(middle.card).toEqual(shown[2]);
    expect(middle.card).toMatchObject({ grade: 'A', gradeReason: 'budget approved', ownerId: 'rep-ana' });
    expect(middle.position).toBe((shown[2] as { position: number }).position);
    expect(middle.nextPosition).toBeGreaterThan(middle.position);
    expect((await asOf(new Date(day(1).getTime()))).card).toEqual(shown[0]);
    expect(await asOf(day(5))).toMatchObject({ card: shown[4], nextPosition: null });
  });

  it('A3: before the customer existed there is no card; reps may not ask; a malformed instant is a 400', async () => {
    expect(await asOf(new Date(START.getTime() - DAY_MS))).toMatchObject({ card: null, position: 0 });
    await t.http().get(`/api/v1/customers/${id}/as-of?at=${day(1).toISOString()}`).set('authorization', t.rep).expect(403);
    await t.http().get(`/api/v1/customers/${id}/as-of?at=tuesday`).set('authorization', t.manager).expect(400);
  });
});
