// A stand-in identity provider for the dashboard's browser tests: OpenID Connect discovery, JWKS, an authorization
// endpoint that signs one person in at once (no login form) and a token endpoint that insists on PKCE (S256), the
// registered client and redirect URI, and single-use codes — what a real provider checks of a public client.
// Tokens are RS256 with a published key, so the all-in-one verifies them as it would a real provider's (D3).
const http = require('node:http');
const { createHash, randomBytes } = require('node:crypto');
const { exportJWK, generateKeyPair, SignJWT } = require('jose');

const b64url = (buffer) => buffer.toString('base64url');

/**
 * @param {{ clientId: string, audience: string, person: { sub: string, roles: string[] } }} options
 * @returns {Promise<{ issuer: string, close: () => Promise<void>, exchanges: () => number }>}
 */
async function startFakeIdp({ clientId, audience, person }) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'browser-test', alg: 'RS256', use: 'sig' };
  const codes = new Map();
  let exchanges = 0;
  let issuer = '';

  const json = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const sign = (claims, aud) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).setIssuer(issuer).setAudience(aud).setSubject(person.sub).setIssuedAt().setExpirationTime('15m').sign(privateKey);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type' });
      return res.end();
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, code_challenge_methods_supported: ['S256'] });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirect = q.get('redirect_uri');
      if (q.get('client_id') !== clientId || !redirect || q.get('response_type') !== 'code') return json(res, 400, { error: 'invalid_request' });
      const back = new URL(redirect);
      if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) {
        back.searchParams.set('error', 'invalid_request');
        back.searchParams.set('error_description', 'PKCE with S256 is required');
      } else {
        const code = b64url(randomBytes(24));
        codes.set(code, { challenge: q.get('code_challenge'), redirect, nonce: q.get('nonce') });
        back.searchParams.set('code', code);
      }
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verified = grant && b64url(createHash('sha256').update(form.get('code_verifier') ?? '').digest()) === grant.challenge;
      if (!grant || !verified || form.get('redirect_uri') !== grant.redirect || form.get('client_id') !== clientId || form.get('grant_type') !== 'authorization_code') {
        return json(res, 400, { error: 'invalid_grant' });
      }
      exchanges += 1;
      return json(res, 200, {
        token_type: 'Bearer',
        expires_in: 900,
        access_token: await sign({ realm_access: { roles: person.roles } }, audience),
        id_token: await sign({ nonce: grant.nonce }, clientId),
      });
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return { issuer, exchanges: () => exchanges, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

module.exports = { startFakeIdp };
