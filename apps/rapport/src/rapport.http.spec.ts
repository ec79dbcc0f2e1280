import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { configureHttpApp, loadEnvironment, TokenService } from '@rapport/platform-nest';
import request from 'supertest';
import { RapportModule } from './rapport.module';

describe('all-in-one runtime over HTTP', () => {
  let app: INestApplication;
  let rep: string;
  let otherRep: string;
  let auditor: string;

  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      imports: [RapportModule.forRoot({ environment, clock: new ManualClock(new Date('2026-03-03T09:00:00Z')) })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport', description: 'test', version: 'test' });
    await app.init();
    const tokens = app.get(TokenService);
    rep = tokens.issue({ id: 'rep-ana', roles: ['rep'] });
    otherRep = tokens.issue({ id: 'rep-ben', roles: ['rep'] });
    auditor = tokens.issue({ id: 'auditor-ada', roles: ['auditor'] });
  });
  afterAll(async () => app.close());

  const http = () => request(app.getHttpServer());

  it('answers /health, /ready and the OpenAPI document without a token', async () => {
    await http().get('/health').expect(200, { status: 'ok' });
    const ready = await http().get('/ready').expect(200);
    expect(ready.body.checks).toHaveProperty(['customers/customer-card'], true);
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/v1/customers');
  });

  it('refuses a request without a token with 401 problem+json', async () => {
    const response = await http().post('/api/v1/customers').send({ name: 'Mia' }).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, type: 'https://rapport.dev/problems/unauthenticated' });
  });

  it('refuses a forged or expired token with 401', async () => {
    await http().get('/api/v1/customers/00000000-0000-4000-8000-000000000000').set('authorization', `Bearer ${rep}x`).expect(401);
  });

  it('refuses a role that may not act with 403 problem+json', async () => {
    const response = await http().post('/api/v1/customers').set('authorization', `Bearer ${auditor}`).send({ name: 'Mia' }).expect(403);
    expect(response.body).toMatchObject({ status: 403, type: 'https://rapport.dev/problems/forbidden' });
  });

  it('C3: registers a customer owned by the calling rep, and reads it back through the projection', async () => {
    const created = await http()
      .post('/api/v1/customers')
      .set('authorization', `Bearer ${rep}`)
      .send({ name: 'Mia Wong', phone: '(415) 555-0100', region: 'US', email: 'Mia@Example.com' })
      .expect(201);
    expect(created.body).toMatchObject({ ownerId: 'rep-ana' });
    expect(created.headers['location']).toBe(`/api/v1/customers/${created.body.customerId}`);

    const card = await http().get(created.headers['location']!).set('authorization', `Bearer ${rep}`).expect(200);
    expect(card.body).toMatchObject({
      id: created.body.customerId,
      name: 'Mia Wong',
      phone: '+14155550100',
      email: 'mia@example.com',
      ownerId: 'rep-ana',
      registeredAt: '2026-03-03T09:00:00.000Z',
    });
    // Another rep may not read it (C3); an auditor may.
    await http().get(created.headers['location']!).set('authorization', `Bearer ${otherRep}`).expect(403);
    await http().get(created.headers['location']!).set('authorization', `Bearer ${auditor}`).expect(200);
  });

  it('answers a retried command (same Idempotency-Key) with the original result and no second effect', async () => {
    const send = () =>
      http().post('/api/v1/customers').set('authorization', `Bearer ${rep}`).set('Idempotency-Key', 'retry-key-0001').send({ name: 'Lee Chan' });
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });

  it('names the offending field of an invalid body in a 400 problem+json', async () => {
    const response = await http()
      .post('/api/v1/customers')
      .set('authorization', `Bearer ${rep}`)
      .send({ name: '', email: 'not-an-email', ownerId: 'rep-ben' })
      .expect(400);
    expect(response.body.type).toBe('https://rapport.dev/problems/validation-error');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'ownerId']);
  });

  it('accepts JSON bodies beyond the framework default of 100 kB (bulk imports), up to HTTP_BODY_LIMIT', async () => {
    const response = await http().post('/api/v1/customers').set('authorization', `Bearer ${rep}`).send({ name: 'x'.repeat(200_000) }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await http()
      .post('/api/v1/customers')
      .set('authorization', `Bearer ${rep}`)
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('rebuilds a read model from zero on an admin\'s demand, and refuses anyone else', async () => {
    const admin = app.get(TokenService).issue({ id: 'admin-root', roles: ['admin'] });
    await http().post('/admin/projections/customers/customer-card/rebuild').set('authorization', `Bearer ${rep}`).expect(403);
    const before = await http().get('/admin/projections').set('authorization', `Bearer ${admin}`).expect(200);
    const card = before.body.find((p: { name: string }) => p.name === 'customers/customer-card');
    expect(card.checkpoint).toBeGreaterThan(0);
    const rebuilt = await http().post('/admin/projections/customers/customer-card/rebuild').set('authorization', `Bearer ${admin}`).expect(200);
    expect(rebuilt.body).toEqual({ name: 'customers/customer-card', checkpoint: card.checkpoint, caughtUp: true });
    await http().post('/admin/projections/customers/nothing/rebuild').set('authorization', `Bearer ${admin}`).expect(404);
  });

  it('answers an unknown customer with 404 problem+json', async () => {
    const response = await http().get('/api/v1/customers/00000000-0000-4000-8000-000000000000').set('authorization', `Bearer ${rep}`).expect(404);
    expect(response.body).toMatchObject({ status: 404, type: 'https://rapport.dev/problems/not-found' });
  });
});
