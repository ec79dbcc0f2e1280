import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureHttpApp, loadEnvironment, PlatformModule, TokenService } from '@rapport/platform-nest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DashboardModule } from './dashboard.module';
import type { DevPerson } from './dashboard.options';

const PEOPLE: readonly DevPerson[] = [
  { id: 'rep-ana', roles: ['rep'], team: 'east', managerId: 'manager-max' },
  { id: 'auditor-ada', roles: ['auditor'] },
];

async function start(root: string, env: Record<string, string> = {}): Promise<INestApplication> {
  const environment = loadEnvironment({ DATA_DIR: ':memory:', JWT_SECRET: 'dashboard-test-secret-0123456789abcdef', ...env } as NodeJS.ProcessEnv);
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ environment }), DashboardModule.forRoot({ root, devPeople: PEOPLE })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'dashboard test', description: 'test', version: 'test' });
  await app.init();
  return app;
}

describe('DashboardModule: the web app at /app and its development sign-in', () => {
  let outside: string;
  let root: string;
  let app: INestApplication;

  beforeAll(async () => {
    outside = mkdtempSync(join(tmpdir(), 'dashboard-'));
    root = join(outside, 'build');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rapport</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("app")');
    writeFileSync(join(root, '..', 'secret.txt'), 'outside the build');
    app = await start(root);
  });
  afterAll(async () => {
    await app.close();
    rmSync(outside, { recursive: true, force: true });
  });

  it('serves index.html at /app/ without a token, never cached', async () => {
    const response = await request(app.getHttpServer()).get('/app/').expect(200);
    expect(response.text).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed bundles as immutable files', async () => {
    const response = await request(app.getHttpServer()).get('/app/assets/app-1a2b.js').expect(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers a deep link (no extension) with index.html, so a bookmarked page opens', async () => {
    const response = await request(app.getHttpServer()).get('/app/manager/sla-board').expect(200);
    expect(response.text).toContain('<div id="root">');
  });

  it('answers a missing asset with a 404 problem, not with HTML', async () => {
    const response = await request(app.getHttpServer()).get('/app/assets/old-bundle.js').expect(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('never serves a file outside the build, however the path is encoded', async () => {
    for (const path of ['/app/..%2Fsecret.txt', '/app/%2e%2e/secret.txt', '/app/assets/..%2F..%2Fsecret.txt']) {
      const response = await request(app.getHttpServer()).get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('outside the build');
    }
  });

  it('lists the development people and issues a token the API accepts for the one picked (embedded mode)', async () => {
    const people = await request(app.getHttpServer()).get('/app/session/dev-people').expect(200);
    expect(people.body).toEqual([
      { id: 'rep-ana', roles: ['rep'], team: 'east' },
      { id: 'auditor-ada', roles: ['auditor'], team: null },
    ]);
    const issued = await request(app.getHttpServer()).post('/app/session/dev-token').send({ personId: 'auditor-ada' }).expect(200);
    const verdict = app.get(TokenService).verify(issued.body.token);
    expect(verdict).toMatchObject({ ok: true, principal: { id: 'auditor-ada', roles: ['auditor'] } });
  });

  it('refuses a token for someone who is not a development person, and a body without a person (400, not 5xx)', async () => {
    await request(app.getHttpServer()).post('/app/session/dev-token').send({ personId: 'admin-root' }).expect(404);
    await request(app.getHttpServer()).post('/app/session/dev-token').send({}).expect(400);
  });

  it('has no development sign-in when development tokens are off', async () => {
    const off = await start(root, { RAPPORT_DEV_TOKENS: 'false' });
    try {
      await request(off.getHttpServer()).get('/app/session/dev-people').expect(404);
      await request(off.getHttpServer()).post('/app/session/dev-token').send({ personId: 'rep-ana' }).expect(404);
    } finally {
      await off.close();
    }
  });

  it('says how to build the app when dist/dashboard is missing', async () => {
    const unbuilt = await start(join(root, 'nowhere'));
    try {
      const response = await request(unbuilt.getHttpServer()).get('/app/').expect(404);
      expect(response.body.detail).toContain('npm run build:dashboard');
    } finally {
      await unbuilt.close();
    }
  });
});
