import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { configureHttpApp, loadEnvironment, TokenService, type DeclaredAccess } from '@rapport/platform-nest';
import request from 'supertest';
import { RapportModule } from './rapport.module';

/**
 * OPS-5: each service declares what it does on the bus — the parts that publish and consume declare it when they
 * are made — and an admin reads it as the ACLs its Kafka user needs (`npm run kafka-acls` grants them).
 */
describe('bus access declared by the services of the all-in-one process', () => {
  let app: INestApplication;
  let access: Map<string, DeclaredAccess>;

  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      imports: [RapportModule.forRoot({ environment, clock: new ManualClock(new Date('2026-03-03T09:00:00Z')) })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport', description: 'test', version: 'test' });
    await app.init();
    const admin = app.get(TokenService).issue({ id: 'admin-root', roles: ['admin'] });
    const response = await request(app.getHttpServer()).get('/admin/bus-access').set('authorization', `Bearer ${admin}`).expect(200);
    access = new Map((response.body as DeclaredAccess[]).map((a) => [a.service, a]));
  });
  afterAll(async () => app?.close());

  it('OPS-5: a service writes its own topics; it reads what it consumes, in groups of its own', () => {
    expect(access.get('customers')).toMatchObject({ writes: ['rapport.customers.v1'] });
    expect(access.get('customers')!.reads).toEqual(expect.arrayContaining(['rapport.directory.v1', 'rapport.customers.timers.v1']));
    expect(access.get('scheduler')!.writes).toEqual(expect.arrayContaining(['rapport.scheduler.v1', 'rapport.customers.timers.v1']));
    expect(access.get('scheduler')!.reads).toEqual(expect.arrayContaining(['rapport.customers.v1', 'rapport.scheduler.v1']));
    expect(access.get('complaints')!.writes).toContain('rapport.complaints.v1');
    expect(access.get('complaints')!.reads).toEqual(expect.arrayContaining(['rapport.customers.v1', 'rapport.directory.v1']));
  });

  it('OPS-5: no topic is written by two services except the scheduler\'s request topic, and no consumer group is shared', () => {
    const writers = new Map<string, string[]>();
    for (const a of access.values()) for (const topic of a.writes) writers.set(topic, [...(writers.get(topic) ?? []), a.service]);
    const shared = [...writers.entries()].filter(([topic, services]) => services.length > 1 && topic !== 'rapport.scheduler.v1');
    expect(shared).toEqual([]);
    const groups = [...access.values()].flatMap((a) => a.groups);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it('OPS-5: only an admin reads it', async () => {
    const rep = app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] });
    await request(app.getHttpServer()).get('/admin/bus-access').set('authorization', `Bearer ${rep}`).expect(403);
  });
});
