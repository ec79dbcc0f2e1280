import { ComplaintEventTypes } from '@rapport/complaints-contracts';
import { CustomerEventTypes } from '@rapport/customers-contracts';
import { FeedbackEventTypes } from '@rapport/feedback-contracts';
import { until } from '@rapport/platform-testing';
import { SALES_GATING_CHECK_REPLIES_TOPIC, SALES_GATING_CHECKS_TOPIC, SALES_GATING_TOPIC, SalesGatingCheckTypes, SalesGatingEventTypes, type GateChangedV1 } from '@rapport/sales-gating-contracts';
import { startSalesGatingTestApp, START, type SalesGatingTestApp } from './testing/sales-gating-test-app';

const HOUR = 3_600_000;
const iso = (hours: number): string => new Date(START.getTime() + hours * HOUR).toISOString();

describe('sales gating over HTTP and the topics (G1–G9)', () => {
  let t: SalesGatingTestApp;
  let ana: string;
  let cai: string;
  let zed: string;
  let manager: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startSalesGatingTestApp();
    ana = t.as('rep-ana', 'rep');
    cai = t.as('rep-cai', 'rep');
    zed = t.as('rep-zed', 'rep');
    manager = t.as('manager-max', 'manager');
    await t.customers(CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'customer c-1', registeredAt: iso(0) });
    await t.customers(CustomerEventTypes.collaboratorsChanged, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', collaboratorIds: ['rep-cai'], changedAt: iso(0) });
    await t.customers(CustomerEventTypes.purchaseRecorded, 'c-1', { customerId: 'c-1', purchaseId: 'p-1', amount: 1200, currency: 'EUR', category: 'seats', occurredAt: iso(1), points: 1200 });
    await t.gateOf('c-1', (d) => d.state.lastPurchaseAt !== null);
  });
  afterAll(async () => t?.close());

  const check = (auth: string, body: object) => t.http().post('/api/v1/sales-gating/checks').set('authorization', auth).send(body);
  const gate = (auth: string, customerId = 'c-1') => t.http().get(`/api/v1/sales-gating/customers/${customerId}/gate`).set('authorization', auth);

  it('G2, G1, G7: a complaint, then a detractor answer: HOLD with both reasons, each naming its event', async () => {
    ids['complaint'] = await t.complaints(ComplaintEventTypes.received, 'k-1', {
      complaintId: 'k-1', reference: 'K-0001', customerId: 'c-1', channel: 'phone', category: 'delivery', severity: 'high', source: 'rep', ownerId: 'rep-ana',
      deadlines: { acknowledgeBy: iso(6), resolveBy: iso(50) }, slaPolicyVersion: 'sla-1', receivedAt: iso(2),
    });
    ids['detractor'] = await t.feedback(FeedbackEventTypes.surveyAnswered, 'c-1', {
      surveyId: 's-1', customerId: 'c-1', score: 3, category: 'detractor', categories: ['service'], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: iso(3),
    });
    // Two topics, two consumers: wait for both facts, not only the last one sent.
    await t.gateOf('c-1', (d) => d.state.latestNps?.score === 3 && d.state.openComplaints['k-1'] !== undefined);
    const response = await gate(ana).expect(200);
    expect(response.body.decision).toMatchObject({
      status: 'HOLD',
      policyVersion: 'gating-2026.1',
      reasons: [
        { rule: 'G2', code: 'open-complaint', eventIds: [ids['complaint']] },
        { rule: 'G1', code: 'detractor', eventIds: [ids['detractor']] },
      ],
    });
    expect((await check(ana, { customerId: 'c-1' }).expect(200)).body).toMatchObject({ allowed: false, status: 'HOLD', denials: [{ rule: 'G2', code: 'gate-held' }] });
  });

  it('G4: the hold lifts only once the complaint is confirmed resolved and a later NPS ≥ 7 arrives; TARGET names both', async () => {
    ids['confirmed'] = await t.complaints(ComplaintEventTypes.confirmed, 'k-1', { complaintId: 'k-1', customerId: 'c-1', ownerId: 'rep-ana', satisfaction: 4, resolvedAt: iso(30) });
    await t.gateOf('c-1', (d) => Object.keys(d.state.openComplaints).length === 0);
    expect((await gate(ana).expect(200)).body.decision.status).toBe('HOLD');
    ids['promoter'] = await t.feedback(FeedbackEventTypes.surveyAnswered, 'c-1', {
      surveyId: 's-2', customerId: 'c-1', score: 9, category: 'promoter', categories: [], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: iso(40),
    });
    const doc = await t.gateOf('c-1', (d) => d.status === 'TARGET');
    expect(doc.decision!.reasons[0]).toMatchObject({ rule: 'G4', code: 'turnaround', eventIds: [ids['confirmed'], ids['promoter']] });
    t.clock.advance(41 * HOUR);
  });

  it('G7: a dialer on the gate topic sees every change, with its cause', async () => {
    const changes = (await t.published(SALES_GATING_TOPIC)).filter((m) => m.event.type === SalesGatingEventTypes.gateChanged).map((m) => m.event.data as GateChangedV1);
    expect(changes.map((c) => c.status)).toEqual(['OPEN', 'HOLD', 'HOLD', 'HOLD', 'TARGET']);
    expect(changes.at(-1)).toMatchObject({ customerId: 'c-1', previous: 'HOLD', causeEventId: ids['promoter'], causePolicyVersion: null });
  });

  it('G6: a rep who is neither owner nor collaborator is denied, and learns nothing else about the customer', async () => {
    const response = await check(zed, { customerId: 'c-1' }).expect(200);
    expect(response.body).toEqual(expect.objectContaining({ allowed: false, status: null, counts: null, lastQuotes: [], denials: [expect.objectContaining({ rule: 'G6', code: 'not-owner-or-collaborator' })] }));
    const refused = await gate(zed).expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http().post('/api/v1/sales-gating/customers/c-1/attempts').set('authorization', zed).send({ pitch: true, outcome: 'reached' }).expect(403);
    await check(zed, { customerId: 'c-1', repId: 'rep-ana' }).expect(403);
  });

  it('G5: two reps trying the same customer on one day: the second is denied until tomorrow, and refused if recorded', async () => {
    expect((await check(cai, { customerId: 'c-1' }).expect(200)).body.allowed).toBe(true);
    await t.http().post('/api/v1/sales-gating/customers/c-1/attempts').set('authorization', ana).send({ pitch: true, product: 'seats', outcome: 'interested' }).expect(200);
    const denied = await check(cai, { customerId: 'c-1' }).expect(200);
    expect(denied.body).toMatchObject({ allowed: false, status: 'TARGET', denials: [{ rule: 'G5', code: 'attempted-today' }, { rule: 'G5', code: 'pitch-spacing' }] });
    const refused = await t.http().post('/api/v1/sales-gating/customers/c-1/attempts').set('authorization', cai).send({ pitch: false, outcome: 'reached' }).expect(409);
    expect(refused.body).toMatchObject({ rule: 'G5' });
    const ledger = await t.http().get('/api/v1/sales-gating/customers/c-1/ledger').set('authorization', cai).expect(200);
    expect(ledger.body.entries).toEqual([expect.objectContaining({ kind: 'sales', repId: 'rep-ana', pitch: true, outcome: 'interested' })]);
    expect(ledger.body.counts).toMatchObject({ followUpsSincePurchase: 1, salesAttemptsLast30Days: 1 });
  });

  it('G9: a lower quote than the last is refused without a manager; a manager approves it for the rep; every pitcher sees it', async () => {
    await t.http().post('/api/v1/sales-gating/customers/c-1/quotes').set('authorization', ana).send({ product: 'seats', amount: 20_000, currency: 'EUR' }).expect(200);
    const refused = await t.http().post('/api/v1/sales-gating/customers/c-1/quotes').set('authorization', cai).send({ product: 'seats', amount: 18_000, currency: 'EUR' }).expect(403);
    expect(refused.body).toMatchObject({ rule: 'G9' });
    await t.http().post('/api/v1/sales-gating/customers/c-1/quotes').set('authorization', manager).send({ repId: 'rep-cai', product: 'seats', amount: 18_000, currency: 'EUR' }).expect(200);
    const seen = await check(cai, { customerId: 'c-1', product: 'seats' }).expect(200);
    expect(seen.body.lastQuotes).toEqual([expect.objectContaining({ amount: 18_000, repId: 'rep-cai', approvedBy: 'manager-max' })]);
  });

  it('G8: a drop in share of wallet alone changes nothing', async () => {
    await t.customers(CustomerEventTypes.shareOfWalletChanged, 'c-1', {
      customerId: 'c-1', overall: { share: 0.9, ourSpend: 900, estimatedSpend: 1000 }, byCategory: {}, windowMonths: 12, changedAt: iso(42), policyVersion: 'c-1',
    });
    await t.gateOf('c-1', (d) => d.status === 'NURTURE');
    await t.customers(CustomerEventTypes.shareOfWalletChanged, 'c-1', {
      customerId: 'c-1', overall: { share: 0.1, ourSpend: 100, estimatedSpend: 1000 }, byCategory: {}, windowMonths: 12, changedAt: iso(43), policyVersion: 'c-1',
    });
    await t.gateOf('c-1', (d) => d.state.share?.value === 0.1);
    expect((await gate(ana).expect(200)).body.decision.status).toBe('NURTURE');
  });

  it('G3: TARGET list per rep, HOLD list with reasons, and the NPS × share map', async () => {
    await t.customers(CustomerEventTypes.registered, 'c-2', { customerId: 'c-2', ownerId: 'rep-ana', displayName: 'customer c-2', registeredAt: iso(44) });
    await t.feedback(FeedbackEventTypes.surveyAnswered, 'c-2', { surveyId: 's-3', customerId: 'c-2', score: 2, category: 'detractor', categories: [], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: iso(44) });
    await t.customers(CustomerEventTypes.registered, 'c-3', { customerId: 'c-3', ownerId: 'rep-ana', displayName: 'customer c-3', registeredAt: iso(44) });
    await t.feedback(FeedbackEventTypes.surveyAnswered, 'c-3', { surveyId: 's-4', customerId: 'c-3', score: 10, category: 'promoter', categories: [], hasComment: false, definitionId: 'nps', definitionVersion: 1, answeredAt: iso(44) });
    await t.gateOf('c-3', (d) => d.status === 'TARGET');
    await t.gateOf('c-2', (d) => d.status === 'HOLD');
    const targets = await t.http().get('/api/v1/sales-gating/targets').set('authorization', ana).expect(200);
    expect(targets.body.items.map((i: { customerId: string }) => i.customerId)).toEqual(['c-3']);
    const holds = await t.http().get('/api/v1/sales-gating/holds').set('authorization', manager).expect(200);
    expect(holds.body.items).toEqual([expect.objectContaining({ customerId: 'c-2', decision: expect.objectContaining({ reasons: [expect.objectContaining({ rule: 'G1' })] }) })]);
    await t.http().get('/api/v1/sales-gating/targets?ownerId=rep-ana').set('authorization', zed).expect(403);
    const map = await t.http().get('/api/v1/sales-gating/map').set('authorization', manager).expect(200);
    expect(map.body.byStatus).toMatchObject({ HOLD: 1, TARGET: 1, NURTURE: 1 });
    expect(map.body.cells).toEqual(expect.arrayContaining([{ nps: 'detractor', share: 'unknown', customers: 1 }, { nps: 'promoter', share: 'low', customers: 1 }]));
  });

  it('G5, G6: a batch of 10,000 checks answers exactly as the single checks', async () => {
    const customers = ['c-1', 'c-2', 'c-3', 'c-404'];
    const reps = ['rep-ana', 'rep-cai', 'rep-zed'];
    const combos = customers.flatMap((customerId) => reps.map((repId) => ({ customerId, repId, product: 'seats' })));
    const singles = new Map<string, unknown>();
    for (const c of combos) singles.set(`${c.customerId}/${c.repId}`, (await check(manager, c).expect(200)).body);
    const checks = Array.from({ length: 10_000 }, (_, i) => combos[(i * 7) % combos.length]!);
    const batch = await t.http().post('/api/v1/sales-gating/checks/batch').set('authorization', manager).send({ checks }).expect(200);
    expect(batch.body.answers).toHaveLength(10_000);
    batch.body.answers.forEach((answer: unknown, i: number) => expect(answer).toEqual(singles.get(`${checks[i]!.customerId}/${checks[i]!.repId}`)));
  });

  it('the check as request/reply on the topics, for dialers', async () => {
    await t.bus.publish([
      {
        topic: SALES_GATING_CHECKS_TOPIC,
        key: 'c-3',
        event: { specversion: '1.0', id: 'dialer-1', source: '/dialer', type: SalesGatingCheckTypes.checkRequested, subject: 'c-3', time: t.clock.now().toISOString(), datacontenttype: 'application/json', data: { requestId: 'r-1', customerId: 'c-3', repId: 'rep-ana' } },
      },
    ]);
    await until(async () => (await t.bus.read(SALES_GATING_CHECK_REPLIES_TOPIC, 0, 100)).length === 1, 30_000, 'the answer');
    const [reply] = await t.bus.read(SALES_GATING_CHECK_REPLIES_TOPIC, 0, 100);
    expect(reply!.event.data).toMatchObject({ requestId: 'r-1', customerId: 'c-3', allowed: true, status: 'TARGET' });
  });

  it('G3, G7: what-if replays the history under a stricter policy, changing nothing: who would differ, when, and what followed', async () => {
    const current = (await t.http().get('/api/v1/sales-gating/policy').set('authorization', manager).expect(200)).body.current;
    const before = await t.all();
    await t.http().post('/api/v1/sales-gating/what-if').set('authorization', ana).send({ ...current, version: 'only-promoters' }).expect(403);
    const report = await t.http().post('/api/v1/sales-gating/what-if').set('authorization', manager).send({ ...current, version: 'only-promoters', quadrant: { ...current.quadrant, highNpsFrom: 10 } }).expect(200);
    expect(report.body).toMatchObject({ inForceVersion: 'gating-2026.1', proposedVersion: 'only-promoters', customers: 3, differing: 1 });
    expect(report.body.items).toEqual([
      expect.objectContaining({ customerId: 'c-1', firstDifferenceAt: iso(40), inForce: 'TARGET', proposed: 'HOLD', inForceNow: 'NURTURE', afterwards: { purchases: 0, complaints: 0, detractorAnswers: 0, left: false } }),
    ]);
    expect(await t.all()).toHaveLength(before.length);
  });

  it('G7: a stricter policy re-evaluates the gates; only real changes are recorded, each naming the version', async () => {
    const current = (await t.http().get('/api/v1/sales-gating/policy').set('authorization', manager).expect(200)).body.current;
    const stricter = { ...current, version: 'gating-2026.2', quadrant: { ...current.quadrant, highNpsFrom: 10 }, reason: 'only a 10 is a high NPS' };
    await t.http().put('/api/v1/sales-gating/policy').set('authorization', ana).send(stricter).expect(403);
    const put = await t.http().put('/api/v1/sales-gating/policy').set('authorization', manager).send(stricter).expect(200);
    expect(put.body).toEqual({ version: 'gating-2026.2', reEvaluated: 3, changed: 1 });
    expect((await gate(ana, 'c-1').expect(200)).body.decision).toMatchObject({ status: 'HOLD', policyVersion: 'gating-2026.2', reasons: [{ rule: 'G3', code: 'low-nps-low-share' }] });
    expect((await gate(ana, 'c-3').expect(200)).body.decision).toMatchObject({ status: 'TARGET', policyVersion: 'gating-2026.1' });
    const last = (await t.published(SALES_GATING_TOPIC)).filter((m) => m.event.type === SalesGatingEventTypes.gateChanged).at(-1)!.event.data as GateChangedV1;
    expect(last).toMatchObject({ customerId: 'c-1', previous: 'NURTURE', status: 'HOLD', causeEventId: null, causePolicyVersion: 'gating-2026.2' });
    await t.http().put('/api/v1/sales-gating/policy').set('authorization', manager).send({ ...stricter, quadrant: { ...stricter.quadrant, highNpsFrom: 9 } }).expect(409);
  });

  it('every odd input is a 400 problem+json, never a 5xx', async () => {
    const bad = [
      () => check(ana, {}),
      () => check(ana, { customerId: 'c-1', extra: 1 }),
      () => check(ana, { customerId: '../etc', customerAsked: 'yes' }),
      () => t.http().post('/api/v1/sales-gating/checks/batch').set('authorization', manager).send({ checks: [] }),
      () => t.http().post('/api/v1/sales-gating/checks/batch').set('authorization', manager).send({ checks: Array.from({ length: 10_001 }, () => ({ customerId: 'c-1' })) }),
      () => t.http().post('/api/v1/sales-gating/customers/c-1/attempts').set('authorization', ana).send({ pitch: true, outcome: 'maybe' }),
      () => t.http().post('/api/v1/sales-gating/customers/c-1/attempts').set('authorization', ana).send({ pitch: true, outcome: 'not-now', notNowUntil: 'tomorrow' }),
      () => t.http().post('/api/v1/sales-gating/customers/c-1/quotes').set('authorization', ana).send({ product: 'seats', amount: -1, currency: 'EUR' }),
      () => t.http().get('/api/v1/sales-gating/customers/%20x/gate').set('authorization', ana),
      () => t.http().get('/api/v1/sales-gating/targets?limit=0').set('authorization', ana),
      () => t.http().put('/api/v1/sales-gating/policy').set('authorization', manager).send({ version: 'x' }),
      () => t.http().post('/api/v1/sales-gating/what-if').set('authorization', manager).send({ version: 'x', limit: 0 }),
    ];
    for (const send of bad) {
      const response = await send();
      expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(/problem\+json/) });
    }
  });
});
