import { DAY_MS, registerCustomer, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

/** C4: auto-assignment spreads evenly, and never treats a neglecting rep as spare capacity. Each test has its own app. */
describe('POST /api/v1/customers/sweeps with auto-assignment (C4)', () => {
  let t: CustomersTestApp;
  beforeEach(async () => {
    t = await startCustomersTestApp();
  });
  afterEach(() => t.close());

  const sweep = async (body: object) => (await t.http().post('/api/v1/customers/sweeps').set('authorization', t.manager).send(body).expect(200)).body;
  const registerFor = async (repId: string, n: number, prefix: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(await registerCustomer(t, { name: `${prefix} ${i}`, email: `${prefix}-${i}@example.com` }, t.as(repId, 'rep')));
      t.clock.advance(60_000);
    }
    return ids;
  };
  const perRep = (reassigned: readonly { to: string }[]): Record<string, number> =>
    reassigned.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.to]: (counts[r.to] ?? 0) + 1 }), {});

  it('C4: a round-robin sweep of 11 neglected customers over 5 reps gives none more than 3', async () => {
    const neglected = await registerFor('rep-dee', 11, 'neglected');
    t.clock.advance(91 * DAY_MS);
    const report = await sweep({ autoAssign: 'round-robin', candidates: ['rep-ana', 'rep-ben', 'rep-cy', 'rep-eve', 'rep-fay'] });
    expect(report.reassigned.map((r: { customerId: string }) => r.customerId).sort()).toEqual([...neglected].sort());
    const counts = perRep(report.reassigned);
    expect(Object.keys(counts).sort()).toEqual(['rep-ana', 'rep-ben', 'rep-cy', 'rep-eve', 'rep-fay']);
    expect(Math.max(...Object.values(counts))).toBeLessThanOrEqual(3);
  });

  it('C4: a least-busy sweep over equally busy reps spreads 11 customers with none getting more than 3', async () => {
    const neglected = await registerFor('rep-dee', 11, 'neglected');
    t.clock.advance(91 * DAY_MS);
    const report = await sweep({ autoAssign: 'least-busy', candidates: ['rep-ana', 'rep-ben', 'rep-cy', 'rep-eve', 'rep-fay'] });
    expect(report.reassigned).toHaveLength(neglected.length);
    expect(Math.max(...Object.values(perRep(report.reassigned)))).toBeLessThanOrEqual(3);
  });

  it('C4: a rep who neglects a customer of their own is not the least busy, though they own the fewest', async () => {
    // Cy keeps in touch with 3 customers; Gus owns just 1 and neglects it; Dee's 2 neglected customers are due first.
    const cys = await registerFor('rep-cy', 3, 'kept');
    const dees = await registerFor('rep-dee', 2, 'neglected');
    const gus = await registerFor('rep-gus', 1, 'gus-neglected');
    t.clock.advance(91 * DAY_MS);
    for (const id of cys) {
      await t.http().post(`/api/v1/customers/${id}/contacts`).set('authorization', t.as('rep-cy', 'rep')).send({ channel: 'call', direction: 'outbound', outcome: 'reached' }).expect(200);
    }
    const report = await sweep({ autoAssign: 'least-busy', candidates: ['rep-cy', 'rep-gus'] });
    expect(report.reassigned.filter((r: { customerId: string }) => dees.includes(r.customerId)).map((r: { to: string }) => r.to)).toEqual(['rep-cy', 'rep-cy']);
    expect(report.reassigned.find((r: { customerId: string }) => r.customerId === gus[0])).toMatchObject({ from: 'rep-gus', to: 'rep-cy' });
  });

  it('C4: a reclaimed customer does not keep its overdue follow-up: the new owner\'s first contact is due within 7 days', async () => {
    const [id] = await registerFor('rep-dee', 1, 'overdue');
    const dee = t.as('rep-dee', 'rep');
    const due = new Date(t.clock.now().getTime() + 5 * DAY_MS).toISOString();
    await t.http().post(`/api/v1/customers/${id}/contacts`).set('authorization', dee).send({ channel: 'call', direction: 'outbound', outcome: 'interested', nextStep: 'send the quote', nextStepAt: due }).expect(200);
    t.clock.advance(91 * DAY_MS);
    await sweep({ autoAssign: 'round-robin', candidates: ['rep-eve'] });
    const card = (await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.manager).expect(200)).body;
    expect(card).toMatchObject({ ownerId: 'rep-eve', nextStep: 'first contact by the new owner', nextFollowUpAt: new Date(t.clock.now().getTime() + 7 * DAY_MS).toISOString() });
  });
});
