import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { verifyExport } from '@rapport/platform-audit';
import { configureHttpApp, loadEnvironment, PlatformModule, TokenService, type Role } from '@rapport/platform-nest';
import { CustomersModule } from '@rapport/customers-app';
import { SchedulerModule } from '@rapport/scheduler-app';
import request from 'supertest';
import { AuditModule } from '@rapport/audit-app';

/** The auditor's API over the all-in-one services (customers and the scheduler that follows their topic). */
describe('audit API (A1, A2, A6, A7)', () => {
  const START = new Date('2026-03-02T09:00:00.000Z');
  const clock = new ManualClock(START);
  let app: INestApplication;
  let as: (id: string, ...roles: Role[]) => string;
  const http = () => request(app.getHttpServer());
  const previous = process.env['DIRECTORY_REQUIRED'];
  let mia: string;
  let other: string;

  beforeAll(async () => {
    process.env['DIRECTORY_REQUIRED'] = 'false';
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ environment, clock }),
        CustomersModule,
        SchedulerModule,
        AuditModule.forRoot({ services: ['customers', 'scheduler'] }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'audit', description: 'test', version: 'test' });
    await app.init();
    const tokens = app.get(TokenService);
    as = (id, ...roles) => `Bearer ${tokens.issue({ id, roles })}`;

    const rep = as('rep-ana', 'rep');
    mia = (await http().post('/api/v1/customers').set('authorization', rep).send({ name: 'Mia Wong', phone: '+1 415 555 0100' }).expect(201)).body.customerId;
    other = (await http().post('/api/v1/customers').set('authorization', rep).send({ name: 'Ole Berg' }).expect(201)).body.customerId;
    clock.set(new Date('2026-03-03T09:00:00.000Z'));
    await http()
      .post(`/api/v1/customers/${mia}/contacts`)
      .set('authorization', rep)
      .set('x-correlation-id', 'corr-call-1')
      .send({ channel: 'call', direction: 'outbound', outcome: 'interested', notes: 'wants a demo', nextStepAt: '2026-03-10T09:00:00.000Z', nextStep: 'demo' })
      .expect(200);
    clock.set(new Date('2026-03-04T09:00:00.000Z'));
    await http().post(`/api/v1/customers/${mia}/grade`).set('authorization', rep).send({ grade: 'A', reason: 'budget approved' }).expect(200);
    clock.set(new Date('2026-03-05T09:00:00.000Z'));
    await http().post(`/api/v1/customers/${mia}/ownership/transfer`).set('authorization', as('manager-max', 'manager')).send({ toOwnerId: 'rep-ben', reason: 'territory' }).expect(200);
  });
  afterAll(async () => {
    await app.close();
    if (previous === undefined) delete process.env['DIRECTORY_REQUIRED'];
    else process.env['DIRECTORY_REQUIRED'] = previous;
  });

  const auditor = () => as('auditor-ada', 'auditor');
  const history = async (query = ''): Promise<Record<string, unknown>[]> =>
    (await http().get(`/api/v1/audit/customers/${mia}/history${query}`).set('authorization', auditor()).expect(200)).body.items;

  it('A1/A2: one customer, every service, in order, each change with who, when, why, through what, correlation and causation', async () => {
    // The scheduler acts on customers' published events (timers for the follow-up): its changes are part of her story.
    await eventually(async () => expect((await history()).some((e) => e['service'] === 'scheduler')).toBe(true));
    const items = await history();
    const ats = items.map((e) => e['at'] as string);
    expect(ats).toEqual([...ats].sort());
    expect(items.every((e) => e['service'] === 'scheduler' || JSON.stringify(e).includes(mia as string))).toBe(true);
    expect(JSON.stringify(items)).not.toContain(other);
    const grade = items.find((e) => e['type'] === 'customers.grade-set.v1')!;
    expect(grade).toMatchObject({ service: 'customers', at: '2026-03-04T09:00:00.000Z', actor: { id: 'rep-ana', kind: 'user' }, via: 'api', reason: 'budget approved' });
    expect(grade['correlationId']).toEqual(expect.any(String));
    expect(grade['causationId']).toEqual(expect.any(String));
    const contact = items.find((e) => e['type'] === 'customers.contact-logged.v1')!;
    expect(contact).toMatchObject({ correlationId: 'corr-call-1', data: { notes: 'wants a demo' } });
    const scheduled = items.find((e) => e['service'] === 'scheduler')!;
    expect(scheduled['via']).toEqual(expect.stringMatching(/topic|timer|system/));
  });

  it('A2: filters by time range, service, event type and actor', async () => {
    expect((await history('?from=2026-03-04T00:00:00Z&to=2026-03-04T23:59:59Z&service=customers')).map((e) => e['type'])).toEqual(
      expect.arrayContaining(['customers.grade-set.v1']),
    );
    expect((await history('?from=2026-03-04T00:00:00Z&to=2026-03-04T23:59:59Z')).every((e) => (e['at'] as string).startsWith('2026-03-04'))).toBe(true);
    expect((await history('?service=scheduler')).every((e) => e['service'] === 'scheduler')).toBe(true);
    expect((await history('?type=customers.ownership-transferred.v1')).map((e) => e['actor'])).toEqual([expect.objectContaining({ id: 'manager-max' })]);
    expect((await history('?actor=manager-max')).map((e) => e['type'])).toContain('customers.ownership-transferred.v1');
    expect(await history('?actor=nobody')).toEqual([]);
  });

  it('A1: only auditors and admins read the audit history; bad filters are 400s', async () => {
    await http().get(`/api/v1/audit/customers/${mia}/history`).set('authorization', as('rep-ana', 'rep')).expect(403);
    await http().get(`/api/v1/audit/customers/${mia}/history?from=yesterday`).set('authorization', auditor()).expect(400);
    await http().get('/api/v1/audit/customers/not-a-uuid/history').set('authorization', auditor()).expect(400);
  });

  it("A6: every read of personal data is recorded (card, history, search), and the log is queryable by reader and customer", async () => {
    clock.set(new Date('2026-03-06T09:00:00.000Z'));
    await http().get(`/api/v1/customers/${mia}`).set('authorization', as('rep-ben', 'rep')).expect(200);
    await http().get('/api/v1/customers?q=wong').set('authorization', as('manager-max', 'manager')).expect(200);
    const reads = (await http().get(`/api/v1/audit/reads?customerId=${mia}`).set('authorization', auditor()).expect(200)).body.items;
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ readerId: 'rep-ben', route: '/api/v1/customers/:customerId', at: '2026-03-06T09:00:00.000Z', customerIds: [mia], status: 200 }),
        expect.objectContaining({ readerId: 'manager-max', path: '/api/v1/customers', query: { q: '…' }, customerIds: expect.arrayContaining([mia]) }),
        expect.objectContaining({ readerId: 'auditor-ada', route: '/api/v1/audit/customers/:customerId/history' }),
      ]),
    );
    const byBen = (await http().get('/api/v1/audit/reads?reader=rep-ben').set('authorization', auditor()).expect(200)).body.items;
    expect(byBen.every((r: { readerId: string }) => r.readerId === 'rep-ben')).toBe(true);
    // The auditor's own query of the log was recorded too.
    const own = (await http().get('/api/v1/audit/reads?reader=auditor-ada').set('authorization', auditor()).expect(200)).body.items;
    expect(own.some((r: { route: string }) => r.route === '/api/v1/audit/reads')).toBe(true);
    await http().get('/api/v1/audit/reads').set('authorization', as('rep-ana', 'rep')).expect(403);
  });

  it('A7: JSON Lines and CSV exports of a customer and of a time range verify clean, and a changed byte is named', async () => {
    const jsonl = await http().get(`/api/v1/audit/customers/${mia}/export?format=jsonl`).set('authorization', auditor()).expect(200);
    expect(jsonl.headers['content-type']).toMatch(/x-ndjson/);
    expect(verifyExport(jsonl.text)).toMatchObject({ ok: true });
    expect(jsonl.text).toContain('budget approved');
    const csv = await http().get('/api/v1/audit/export?format=csv&from=2026-03-03T00:00:00Z&to=2026-03-05T23:59:59Z&service=customers').set('authorization', auditor()).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const verified = verifyExport(csv.text);
    expect(verified).toMatchObject({ ok: true, format: 'csv' });
    expect(verified.checked).toBeGreaterThanOrEqual(3);
    expect(verifyExport(jsonl.text.replace('budget approved', 'budget approves')).problem).toMatchObject({ kind: 'altered' });
  });
});

async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
