import { Controller, Get, type INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SignJWT, UnsecuredJWT } from 'jose';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { loadEnvironment } from '../runtime/config';
import { configureHttpApp } from '../runtime/bootstrap';
import { PlatformModule } from '../runtime/platform.module';
import { TestIssuer } from '../testing/test-issuer';
import { CurrentPrincipal, Roles } from './decorators';
import type { Principal } from './principal';
import { TokenService } from './token.service';

@Controller('whoami')
class WhoAmIController {
  @Get()
  @Roles('rep', 'manager')
  whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

const SECRET = 'this-servers-secret-of-at-least-32-chars';

describe('sign-in over HTTP: development tokens and OIDC bearer tokens (D3)', () => {
  let idp: TestIssuer;
  let app: INestApplication;

  beforeAll(async () => {
    idp = await TestIssuer.start();
    const environment = loadEnvironment({
      DATA_DIR: ':memory:',
      JWT_SECRET: SECRET,
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: 'rapport-api',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: JSON.stringify({ 'crm-sales': 'rep', 'crm-leads': ['rep', 'manager'] }),
    } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment })], controllers: [WhoAmIController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'auth test', description: 'test', version: 'test' });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  const whoami = (token: string) => request(app.getHttpServer()).get('/whoami').set('authorization', `Bearer ${token}`);

  /** A 401 problem+json whose detail says why, and carries nothing of this server's configuration. */
  const refusedBecause = async (token: string, reason: RegExp): Promise<void> => {
    const response = await whoami(token).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="rapport", error="invalid_token"');
    expect(response.body).toMatchObject({ status: 401, type: 'https://rapport.dev/problems/unauthenticated' });
    expect(response.body.detail).toMatch(reason);
    expect(JSON.stringify(response.body)).not.toMatch(/rapport-api|127\.0\.0\.1|at .*\.js|Error:/);
  };

  it('D3: accepts a token of the configured issuer (RS256 or ES256), with IdP roles mapped to Rapport roles', async () => {
    const rs = await idp.sign({ sub: 'rep-ana', realm_access: { roles: ['crm-sales', 'offline_access'] } });
    expect((await whoami(rs).expect(200)).body).toEqual({ id: 'rep-ana', kind: 'user', roles: ['rep'] });
    const es = await idp.sign({ sub: 'lead-lu', realm_access: { roles: ['crm-leads'] } }, { alg: 'ES256' });
    expect((await whoami(es).expect(200)).body).toEqual({ id: 'lead-lu', kind: 'user', roles: ['rep', 'manager'] });
  });

  it('D3: refuses a token meant for another audience', async () => {
    await refusedBecause(await idp.sign({ sub: 'rep-ana', realm_access: { roles: ['crm-sales'] } }, { audience: 'another-app' }), /another audience/);
  });

  it('D3: refuses a token signed with a key the issuer does not publish (unknown key id)', async () => {
    await refusedBecause(await idp.sign({ sub: 'rep-ana', realm_access: { roles: ['crm-sales'] } }, { unpublishedKey: true }), /unknown key id/);
  });

  it('D3: refuses an expired token', async () => {
    await refusedBecause(await idp.sign({ sub: 'rep-ana', realm_access: { roles: ['crm-sales'] } }, { expiresInSeconds: -3_600 }), /expired/);
  });

  it('D3: refuses an IdP token without exp, and a development token without exp', async () => {
    await refusedBecause(await idp.sign({ sub: 'rep-ana', realm_access: { roles: ['crm-sales'] } }, { expiresInSeconds: null }), /no expiry/);
    const forever = new JwtService({ secret: SECRET }).sign({ sub: 'rep-ana', roles: ['rep'] }, { algorithm: 'HS256', issuer: 'rapport' });
    await refusedBecause(forever, /no expiry/);
  });

  it('D3: refuses a token of another issuer, even one signed with the published keys', async () => {
    await refusedBecause(await idp.sign({ sub: 'rep-ana', realm_access: { roles: ['crm-sales'] } }, { issuer: 'https://elsewhere.example' }), /another identity provider/);
  });

  it('D3: refuses an unsigned token (alg none) and one signed with a shared secret under another algorithm', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'admin-root', roles: ['admin'] }).setIssuer(idp.issuer).setAudience('rapport-api').setExpirationTime('1h').encode();
    await refusedBecause(unsigned, /algorithm is not accepted/);
    const hs512 = await new SignJWT({ sub: 'admin-root', roles: ['admin'] }).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await refusedBecause(hs512, /algorithm is not accepted/);
  });

  it('D3: a signed-in person whose IdP roles map to no Rapport role is forbidden, not let in', async () => {
    const response = await whoami(await idp.sign({ sub: 'temp-tom', realm_access: { roles: ['offline_access'] } })).expect(403);
    expect(response.body.detail).toMatch(/no Rapport role/);
  });

  it('SEC-14: a development token from a server with another secret (another DATA_DIR) is refused with a 401 that says so', async () => {
    const elsewhere = new TokenService('the-secret-of-another-data-dir-32chars!').issue({ id: 'rep-ana', roles: ['rep'] });
    await refusedBecause(elsewhere, /does not match this server's secret.*DATA_DIR/);
    const here = app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] });
    expect((await whoami(here).expect(200)).body).toMatchObject({ id: 'rep-ana' });
  });

  it('SEC-14: a missing or malformed credential gets a 401 naming what is expected', async () => {
    const none = await request(app.getHttpServer()).get('/whoami').expect(401);
    expect(none.body.detail).toMatch(/bearer token .* or an X-API-Key is required/);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="rapport"');
    await refusedBecause('not-a-jwt', /not a well-formed JWT/);
    const basic = await request(app.getHttpServer()).get('/whoami').set('authorization', 'Basic cmVwOnB3').expect(401);
    expect(basic.body.detail).toMatch(/must read "Bearer <token>"/);
  });
});
