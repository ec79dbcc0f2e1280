import { CustomerEventTypes } from '@rapport/customers-contracts';
import { problemType, registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

const STEPS: [string, object][] = [
  ['background', { background: 'three late deliveries; new procurement lead' }],
  ['decision-maker', { decisionMaker: 'Lee Chan', title: 'CFO', channel: 'visit' }],
  ['answers', { whyLeaving: 'late deliveries', whatWouldMakeStay: 'guaranteed delivery windows' }],
  ['root-cause', { kind: 'systemic', cause: 'support-model' }],
  ['worth-it', { worthIt: true, reason: 'top-20 account' }],
  ['follow-up', { whatChanged: 'dedicated delivery slot' }],
];

describe('win-back (C11)', () => {
  let t: CustomersTestApp;
  let id: string;
  beforeAll(async () => {
    t = await startCustomersTestApp();
    id = await registerCustomer(t, { name: 'Mia Wong', phone: '+1 415 555 0100' });
    await t.http().post(`/api/v1/customers/${id}/purchases`).set('authorization', t.rep).send({ amount: 100, category: 'laptops' }).expect(200);
  });
  afterAll(() => t.close());
  const step = (path: string, body: object, auth = t.rep, customerId = id) =>
    t.http().post(`/api/v1/customers/${customerId}/win-back${path ? `/${path}` : ''}`).set('authorization', auth).send(body);

  it('C11: a step before the leaving signal is a 422 naming the rule', async () => {
    expect((await step('background', STEPS[0]![1]).expect(422)).body.type).toBe(problemType('C11', 'no-win-back'));
  });

  it('C11: signal, six steps in order, won back: the card follows and leaving/won-back are published', async () => {
    const signalled = await step('', { signal: 'asked for termination terms' }).expect(200);
    expect(signalled.body.events).toEqual(['customers.leaving-signalled.v1', 'customers.stage-changed.v1']);
    expect((await step('', { signal: 'again' }).expect(409)).body.type).toBe(problemType('C11', 'win-back-open'));
    expect((await step('answers', STEPS[2]![1]).expect(422)).body).toMatchObject({ type: problemType('C11', 'win-back-step-out-of-order'), expectedStep: 'background' });
    for (const [path, body] of STEPS) await step(path, body).expect(200);
    await step('outcome', { outcome: 'won-back', reason: 'renewed for two years' }).expect(200);
    const card = await t.http().get(`/api/v1/customers/${id}`).set('authorization', t.rep).expect(200);
    expect(card.body).toMatchObject({ stage: 'won-back', winBack: { status: 'won-back', whyLeaving: 'late deliveries', rootCause: 'systemic:support-model' } });
    const types = (await t.published()).map((m) => m.event.type);
    expect(types).toEqual(expect.arrayContaining([CustomerEventTypes.leavingSignalled, CustomerEventTypes.wonBack]));
  });

  it('C11/C5: steps 2 and 6 land in the contact log; a complaint, a hand-over and a concession show on the card', async () => {
    const other = await registerCustomer(t, { name: 'Wang Fang', phone: '138 0013 8000', company: 'Huaxin Trading' });
    await step('', { signal: 'asked for termination terms' }, t.rep, other).expect(200);
    await step('background', STEPS[0]![1], t.rep, other).expect(200);
    const reached = await step('decision-maker', { decisionMaker: 'Chen Jie', title: 'General Manager', rank: 'highest-reachable' }, t.rep, other).expect(200);
    expect(reached.body.events).toEqual(expect.arrayContaining(['customers.win-back-decision-maker-reached.v1', 'customers.contact-logged.v1', 'customers.card-fields-confirmed.v1']));
    expect((await step('decision-maker', { decisionMaker: 'Chen Jie' }, t.rep, other).expect(400)).body.errors[0].field).toBe('title');
    const complaint = { description: 'installer was rude and left a mess', apologised: true };
    expect((await step('answers', { ...STEPS[2]![1], complaint: { ...complaint, apologised: false } }, t.rep, other).expect(400)).body.errors[0].field).toContain('complaint');
    await step('answers', { ...STEPS[2]![1], complaint }, t.rep, other).expect(200);
    // K1: published for the complaints service, without the complaint's words (A5).
    const raised = (await t.published()).map((m) => m.event).filter((e) => e.type === CustomerEventTypes.winBackComplaintRaised);
    expect(raised.map((e) => e.data)).toEqual([expect.objectContaining({ customerId: other, ownerId: 'rep-ana', apologised: true, raisedBy: 'rep-ana' })]);
    expect(JSON.stringify(raised)).not.toContain('installer');
    await step('root-cause', { kind: 'specific', cause: 'person', notes: 'the installer is Ana\'s' }, t.rep, other).expect(422);
    await step('root-cause', { kind: 'specific', cause: 'person', takeOverBy: 'rep-ben' }, t.rep, other).expect(200);
    expect((await step('worth-it', STEPS[4]![1], t.rep, other).expect(422)).body.type).toBe(problemType('C11', 'win-back-handed-over'));
    await step('worth-it', STEPS[4]![1], t.otherRep, other).expect(200);
    await step('follow-up', { whatChanged: 'a new installer and a free service visit', concession: 'free service visit' }, t.otherRep, other).expect(200);
    const card = (await t.http().get(`/api/v1/customers/${other}`).set('authorization', t.manager).expect(200)).body;
    expect(card).toMatchObject({
      contactCount: 2,
      followUpsSinceLastPurchase: 2,
      rejectionsInARow: 0,
      collaboratorIds: ['rep-ben'],
      winBack: { decisionMaker: 'Chen Jie (General Manager, highest reachable)', complaintId: expect.any(String), handledBy: 'rep-ben', concessions: ['free service visit'] },
    });
  });

  it('C7/C11: grading during an open win-back is flagged on the card', async () => {
    const other = await registerCustomer(t, { name: 'Lin Mei', email: 'lin@mei.example' });
    await t.http().post(`/api/v1/customers/${other}/grade`).set('authorization', t.rep).send({ grade: 'B', reason: 'budget in spring' }).expect(200);
    expect((await t.http().get(`/api/v1/customers/${other}`).set('authorization', t.rep).expect(200)).body.gradedDuringWinBack).toBe(false);
    await step('', { signal: 'asked for termination terms' }, t.rep, other).expect(200);
    await t.http().post(`/api/v1/customers/${other}/grade`).set('authorization', t.rep).send({ grade: 'A', reason: 'they will surely stay' }).expect(200);
    expect((await t.http().get(`/api/v1/customers/${other}`).set('authorization', t.rep).expect(200)).body).toMatchObject({ grade: 'A', gradedDuringWinBack: true });
  });

  it('C11: a lost outcome is recorded and published', async () => {
    const other = await registerCustomer(t, { name: 'Leo Park', email: 'leo@park.example' });
    await step('', { signal: 'moved to a competitor' }, t.rep, other).expect(200);
    await step('outcome', { outcome: 'lost', reason: 'signed elsewhere' }, t.rep, other).expect(200);
    expect((await t.published()).map((m) => m.event)).toContainEqual(expect.objectContaining({ type: CustomerEventTypes.lost, subject: other }));
  });

  it('400 names invalid fields of each step; 404 for an unknown customer; 403 for another rep', async () => {
    expect((await step('root-cause', { kind: 'cosmic', cause: 'price' }).expect(400)).body.errors[0].field).toBe('kind');
    expect((await step('outcome', { outcome: 'maybe' }).expect(400)).body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['outcome', 'reason']);
    await step('', { signal: 'x' }, t.rep, UNKNOWN_ID).expect(404);
    await step('', { signal: 'x' }, t.otherRep).expect(403);
  });
});
