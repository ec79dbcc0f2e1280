import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureHttpApp, loadEnvironment, PlatformModule, TokenService } from '@rapport/platform-nest';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DashboardModule } from './dashboard.module';

/** A minimal identity provider: discovery and JWKS over HTTP, tokens signed with the published key. */
async function identityProvider(): Promise<{ issuer: string; sign: (claims: Record<string, unknown>) => Promise<string>; close: () => Promise<void> }> {
  const { privateKey, publicKey } = (await generateKeyPair('RS256')) as { privateKey: KeyLike; publicKey: KeyLike };
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [jwk] }));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience('rapport-api').setIssuedAt().setExpirationTime('10m').sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function start(env: Record<string, string>, oidc?: { clientId: string }): Promise<INestApplication> {
  const environment = loadEnvironment({ DATA_DIR: ':memory:', JWT_SECRET: 'dashboard-oidc-test-secret-0123456789ab', ...env } as NodeJS.ProcessEnv);
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ environment }), DashboardModule.forRoot({ live: false, ...(oidc ? { oidc } : {}) })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'dashboard oidc test', description: 'test', version: 'test' });
  await app.init();
  return app;
}

describe("the dashboard's sign-in with the identity provider (authorization code + PKCE in the browser)", () => {
  let idp: Awaited<ReturnType<typeof identityProvider>>;
  let app: INestApplication;

  beforeAll(async () => {
    idp = await identityProvider();
    app = await start(
      { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: 'rapport-api', OIDC_ROLES_CLAIM: 'realm_access.roles', OIDC_ROLE_MAP: JSON.stringify({ 'crm-leads': ['rep', 'manager'] }) },
      { clientId: 'rapport-dashboard' },
    );
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  it('D3: tells the app where to sign in: the issuer, the public client id and the scope (no secret)', async () => {
    const response = await request(app.getHttpServer()).get('/app/session/oidc').expect(200);
    expect(response.body).toEqual({ issuer: idp.issuer, clientId: 'rapport-dashboard', scope: 'openid profile' });
  });

  it('D3: says who an identity-provider token is as the API maps it, since the app cannot map IdP roles itself', async () => {
    const token = await idp.sign({ sub: 'mia', realm_access: { roles: ['crm-leads', 'staff'] } });
    const response = await request(app.getHttpServer()).get('/app/session/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(response.body).toEqual({ id: 'mia', roles: ['rep', 'manager'], team: null });
  });

  it('D3: a development token is answered the same way; no token is a 401, a token with no Rapport role a 403', async () => {
    const dev = app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'], team: 'east' });
    const response = await request(app.getHttpServer()).get('/app/session/me').set('authorization', `Bearer ${dev}`).expect(200);
    expect(response.body).toEqual({ id: 'rep-ana', roles: ['rep'], team: 'east' });
    await request(app.getHttpServer()).get('/app/session/me').expect(401);
    const roleless = await idp.sign({ sub: 'guest', realm_access: { roles: ['staff'] } });
    await request(app.getHttpServer()).get('/app/session/me').set('authorization', `Bearer ${roleless}`).expect(403);
  });

  it('D3: without an issuer, or without the dashboard\'s client id, there is no identity-provider sign-in (404 problem)', async () => {
    const noClient = await start({ OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: 'rapport-api' });
    const noIssuer = await start({}, { clientId: 'rapport-dashboard' });
    try {
      for (const other of [noClient, noIssuer]) {
        const response = await request(other.getHttpServer()).get('/app/session/oidc').expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    } finally {
      await noClient.close();
      await noIssuer.close();
    }
  });
});
