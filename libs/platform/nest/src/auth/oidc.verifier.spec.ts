import { Logger } from '@nestjs/common';
import { TestIssuer } from '../testing/test-issuer';
import { OidcVerifier } from './oidc.verifier';

describe('OIDC verifier (D3)', () => {
  let idp: TestIssuer;
  beforeAll(async () => {
    idp = await TestIssuer.start();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await idp.close();
  });

  const base = () => ({ issuer: idp.issuer, audiences: ['rapport-api'], rolesClaim: 'roles', subjectClaim: 'sub' });

  it('D3: takes the keys from OIDC_JWKS_URL when given, and the person from the configured subject claim', async () => {
    const verifier = new OidcVerifier({ ...base(), jwksUrl: idp.jwksUrl, subjectClaim: 'preferred_username' });
    const token = await idp.sign({ sub: 'f81d4fae-7dec', preferred_username: 'rep-ana', roles: ['rep'] });
    expect(await verifier.verify(token)).toEqual({ ok: true, principal: { id: 'rep-ana', kind: 'user', roles: ['rep'] } });
    expect(await verifier.verify(await idp.sign({ sub: 'x', roles: ['rep'] }))).toEqual({ ok: false, reason: 'token has no preferred_username claim naming the caller' });
  });

  it('D3: reads roles given as one space-separated string; a client with the integrator role is an integrator', async () => {
    const verifier = new OidcVerifier(base());
    expect(await verifier.verify(await idp.sign({ sub: 'erp-sync', roles: 'integrator unrelated' }))).toEqual({
      ok: true,
      principal: { id: 'erp-sync', kind: 'integrator', roles: ['integrator'] },
    });
  });

  it('D3: a discovery document naming another issuer is not trusted; the caller is told the keys could not be fetched', async () => {
    const verifier = new OidcVerifier({ ...base(), issuer: `${idp.issuer}/realms/other` });
    const token = await idp.sign({ sub: 'rep-ana', roles: ['rep'] }, { issuer: `${idp.issuer}/realms/other` });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: "the identity provider's signing keys could not be fetched; try again later" });
  });

  it('D3: an identity provider that is down is asked again on the next request, not remembered as failed', async () => {
    const verifier = new OidcVerifier(base());
    const token = await idp.sign({ sub: 'rep-ana', roles: ['rep'] });
    idp.unavailable = true;
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: "the identity provider's signing keys could not be fetched; try again later" });
    idp.unavailable = false;
    expect(await verifier.verify(token)).toMatchObject({ ok: true, principal: { id: 'rep-ana' } });
  });
});
