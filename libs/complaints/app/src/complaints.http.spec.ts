import { COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { SCHEDULER_TOPIC, SchedulerEventTypes } from '@rapport/scheduler-contracts';
import { startComplaintsTestApp, type ComplaintsTestApp } from './testing/complaints-test-app';

const HOUR = 3_600_000;

describe('complaints over HTTP (K1–K6)', () => {
  let t: ComplaintsTestApp;
  let ana: string;
  let ben: string;
  let max: string;
  beforeAll(async () => {
    t = await startComplaintsTestApp();
    ana = t.as('rep-ana', 'rep');
    ben = t.as('rep-ben', 'rep');
    max = t.as('manager-max', 'manager');
  });
  afterAll(() => t.close());

  const receive = async (auth = ana, body: object = {}): Promise<{ complaintId: string; reference: string }> => {
    const response = await t
      .http()
      .post('/api/v1/complaints')
      .set('authorization', auth)
      .send({ customerId: 'cust-1', channel: 'phone', category: 'delivery', severity: 'high', description: 'the parcel arrived broken', remedySought: 'a replacement', ...body })
      .expect(201);
    return response.body;
  };
  const post = (auth: string, path: string, body: object = {}) => t.http().post(`/api/v1/complaints/${path}`).set('authorization', auth).send(body);

  it('K1: a rep records a complaint and gets a reference the customer can quote, and both deadlines (K3)', async () => {
    const response = await t
      .http()
      .post('/api/v1/complaints')
      .set('authorization', ana)
      .send({ customerId: 'cust-1', channel: 'email', category: 'billing', severity: 'critical', description: 'charged twice' })
      .expect(201);
    expect(response.body).toMatchObject({
      reference: expect.stringMatching(/^K-2026-\d{6}$/),
      acknowledgeBy: new Date(t.clock.now().getTime() + HOUR).toISOString(),
      resolveBy: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString(),
    });
    const second = await receive();
    expect(second.reference).not.toBe(response.body.reference);
  });

  it('K1: a retried request (same Idempotency-Key) gets the same complaint and reference; the same id again is a 409', async () => {
    const body = { complaintId: '5c9e2f1a-0b3d-4e6f-8a7b-9c0d1e2f3a4b', customerId: 'cust-2', channel: 'web', category: 'price', severity: 'low', description: 'price went up' };
    const first = await t.http().post('/api/v1/complaints').set('authorization', ana).set('idempotency-key', 'retry-key-0001').send(body).expect(201);
    const again = await t.http().post('/api/v1/complaints').set('authorization', ana).set('idempotency-key', 'retry-key-0001').send(body).expect(201);
    expect(again.body.reference).toBe(first.body.reference);
    await t.http().post('/api/v1/complaints').set('authorization', ana).send(body).expect(409);
  });

  it("D1, K3: deadlines run on the owner's team calendar — a Berlin team, closed at the weekend, across the DST change", async () => {
    const hours = [{ from: '09:00', to: '17:00' }];
    await t.directory(
      [{ personId: 'rep-dora', displayName: 'Dora', roles: ['rep'], teamId: 'berlin', managerId: 'manager-max', active: true, changedAt: '2026-03-01T00:00:00.000Z' }],
      [{ teamId: 'berlin', name: 'Berlin', timeZone: 'Europe/Berlin', businessHours: { sun: [], mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [] }, holidays: ['2026-03-27'], changedAt: '2026-03-01T00:00:00.000Z' }],
    );
    const before = t.clock.now();
    t.clock.set(new Date('2026-03-26T15:00:00.000Z')); // Thursday 16:00 in Berlin
    try {
      const response = await t.http().post('/api/v1/complaints').set('authorization', t.as('rep-dora', 'rep')).send({ customerId: 'cust-3', channel: 'email', category: 'product', severity: 'medium', description: 'it stopped working' }).expect(201);
      // 8 business hours: 1 on Thursday; Friday is a holiday; the weekend; Monday 09:00–16:00 summer time.
      expect(response.body.acknowledgeBy).toBe('2026-03-30T14:00:00.000Z');
    } finally {
      t.clock.set(before);
    }
  });

  it('K1: odd input is a 400 naming the field, never a 5xx', async () => {
    const bad = await t.http().post('/api/v1/complaints').set('authorization', ana).send({ customerId: 'c', channel: 'pigeon', category: 'delivery', severity: 'high', description: '' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'description']);
    await post(ana, 'not-a-uuid/acknowledgement', { message: 'x' }).expect(400);
    await post(ana, '00000000-0000-4000-8000-000000000000/acknowledgement', { message: 'x' }).expect(404);
    await t.http().get('/api/v1/complaints/trends?from=yesterday').set('authorization', max).expect(400);
  });

  it("K2: another rep cannot work on someone else's complaint: 403", async () => {
    const { complaintId } = await receive();
    const refused = await post(ben, `${complaintId}/acknowledgement`, { message: 'mine' }).expect(403);
    expect(refused.body).toMatchObject({ rule: 'K2' });
    await post(ben, `${complaintId}/transfer`, { toOwnerId: 'rep-ben', reason: 'grab' }).expect(403);
    await t.http().get(`/api/v1/complaints/${complaintId}`).set('authorization', ben).expect(403);
  });

  it('K2: a transfer without a reason is refused; with one, the first receiver stays accountable and the customer is told', async () => {
    const { complaintId, reference } = await receive();
    const invalid = await post(ana, `${complaintId}/transfer`, { toOwnerId: 'rep-ben' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    await post(ana, `${complaintId}/transfer`, { toOwnerId: 'rep-ben', reason: '   ' }).expect(400);
    await post(ana, `${complaintId}/transfer`, { toOwnerId: 'nobody', reason: 'expert' }).expect(422);
    await post(ana, `${complaintId}/transfer`, { toOwnerId: 'rep-ben', reason: 'billing expert' }).expect(200);
    const queue = await t.http().get('/api/v1/complaints/queue').set('authorization', ana).expect(200);
    expect(queue.body.accountable.map((c: { complaintId: string }) => c.complaintId)).toContain(complaintId);
    const bens = await t.http().get('/api/v1/complaints/queue').set('authorization', ben).expect(200);
    expect(bens.body.owned.map((c: { complaintId: string }) => c.complaintId)).toContain(complaintId);
    const transferred = (await t.published(COMPLAINTS_TOPIC)).find((m) => m.event.type === ComplaintEventTypes.transferred && m.event.subject === complaintId);
    expect(transferred?.event.data).toMatchObject({ fromOwnerId: 'rep-ana', toOwnerId: 'rep-ben', accountableId: 'rep-ana', notifyCustomer: { customerId: 'cust-1', reference, newOwnerId: 'rep-ben' } });
  });

  it("K5: no closing without the customer's confirmation; a rejection reopens it with the same owner", async () => {
    const { complaintId } = await receive();
    await post(ana, `${complaintId}/acknowledgement`, { message: 'sorry' }).expect(200);
    const early = await post(ana, `${complaintId}/resolution/confirmation`, { satisfaction: 5 }).expect(409);
    expect(early.body).toMatchObject({ rule: 'K5' });
    await post(ana, `${complaintId}/resolution`, { resolution: 'replacement ships today' }).expect(200);
    await post(ana, `${complaintId}/resolution/rejection`, { reason: 'still broken' }).expect(200);
    const reopened = await t.http().get(`/api/v1/complaints/${complaintId}`).set('authorization', ana).expect(200);
    expect(reopened.body).toMatchObject({ status: 'acknowledged', ownerId: 'rep-ana', metrics: { firstReplyMs: 0, agentWorkMinutes: 0 } });
    await post(ana, `${complaintId}/resolution`, { resolution: 'refund' }).expect(200);
    await post(ana, `${complaintId}/resolution/confirmation`, { satisfaction: 4, comment: 'ok' }).expect(200);
    const closed = await t.http().get(`/api/v1/complaints/${complaintId}`).set('authorization', ana).expect(200);
    expect(closed.body.status).toBe('closed');
    // K4: the record, in order, with the customer's words and her satisfaction; not for another rep.
    const record = await t.http().get(`/api/v1/complaints/${complaintId}/record`).set('authorization', ana).expect(200);
    expect(record.body.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['complaints.complaint-received.v1', 'complaints.complaint-reopened.v1', 'complaints.resolution-confirmed.v1']));
    expect(record.body[0]).toMatchObject({ actorId: 'rep-ana', via: 'api', data: { description: 'the parcel arrived broken' } });
    expect(record.body.at(-1).data).toMatchObject({ satisfaction: 4 });
    await t.http().get(`/api/v1/complaints/${complaintId}/record`).set('authorization', ben).expect(403);
    const types = (await t.published(COMPLAINTS_TOPIC)).filter((m) => m.event.subject === complaintId).map((m) => m.event.type);
    expect(types).toEqual([
      ComplaintEventTypes.received,
      ComplaintEventTypes.acknowledged,
      ComplaintEventTypes.resolutionProposed,
      ComplaintEventTypes.reopened,
      ComplaintEventTypes.resolutionProposed,
      ComplaintEventTypes.confirmed,
    ]);
  });

  it('K3: waiting on the customer takes the timers back; her reply asks for them again (S2)', async () => {
    const { complaintId } = await receive();
    await post(ana, `${complaintId}/waiting-on-customer`, { question: 'a photo, please?' }).expect(200);
    const view = await t.http().get(`/api/v1/complaints/${complaintId}`).set('authorization', ana).expect(200);
    expect(view.body.deadlines.map((d: { state: string }) => d.state)).toEqual(['paused', 'paused']);
    await post(ana, `${complaintId}/customer-reply`, { summary: 'photo sent' }).expect(200);
    const requests = (await t.published(SCHEDULER_TOPIC)).filter((m) => m.event.subject === `complaints.sla.${complaintId}.resolve`).map((m) => m.event.type);
    expect(requests).toEqual([SchedulerEventTypes.timerRequested, SchedulerEventTypes.timerCancelled, SchedulerEventTypes.timerRequested]);
  });

  it('K6: a concession above the threshold without a manager\'s approval is refused; approved, it is granted and visible on the customer', async () => {
    const { complaintId } = await receive(ana, { customerId: 'cust-k6' });
    const grant = { concessionId: '6a0e8f4e-2b0c-4d7e-9a51-0c1d2e3f4a5b', amount: 250, description: 'refund' };
    const refused = await post(ana, `${complaintId}/concessions`, grant).expect(422);
    expect(refused.body).toMatchObject({ rule: 'K6' });
    const approvalId = '7b1f9a5f-3c1d-4e8f-8b62-1d2e3f4a5b6c';
    await post(ana, `${complaintId}/concession-approvals`, { approvalId, maxAmount: 300, reason: 'our fault' }).expect(403);
    await post(max, `${complaintId}/concession-approvals`, { approvalId, maxAmount: 300, reason: 'our fault' }).expect(200);
    await post(ana, `${complaintId}/concessions`, { ...grant, approvalId }).expect(200);
    await post(ana, `${complaintId}/concessions`, { ...grant, amount: 1e-7 }).expect(400);
    const customer = await t.http().get('/api/v1/complaints/by-customer/cust-k6').set('authorization', ana).expect(200);
    expect(customer.body).toMatchObject({ concessionTotal: 250, concessions: [{ complaintId, amount: 250, approvalId }] });
  });

  it('K3: the SLA board lists open complaints with every deadline; reps may not see it', async () => {
    const board = await t.http().get('/api/v1/complaints/sla-board?limit=5').set('authorization', max).expect(200);
    expect(board.body.length).toBeGreaterThan(0);
    expect(board.body[0].deadlines.map((d: { clock: string }) => d.clock)).toEqual(['acknowledge', 'resolve']);
    await t.http().get('/api/v1/complaints/sla-board').set('authorization', ana).expect(403);
    await t.http().get('/api/v1/complaints/sla-board?limit=0').set('authorization', max).expect(400);
  });

  it('K7: trends over the complaints received; a root cause repeating across customers is flagged systemic', async () => {
    for (const customerId of ['cust-t1', 'cust-t2']) {
      const { complaintId } = await receive(ana, { customerId });
      await post(ana, `${complaintId}/root-cause`, { kind: 'specific', code: 'courier-late', detail: 'missed the slot' }).expect(200);
    }
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const trends = await t.http().get('/api/v1/complaints/trends').set('authorization', max).expect(200);
    expect(trends.body.perCategoryPerWeek).toEqual(expect.arrayContaining([expect.objectContaining({ week: '2026-W10', category: 'delivery' })]));
    expect(trends.body.slaCompliancePercent).toBe(100);
    expect(trends.body.systemicRootCauses).toEqual([{ code: 'courier-late', customers: 2, recordedAs: ['specific'] }]);
  });
});
