import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SignOptions {
  /** RS256 (default) or ES256: both are published in the JWKS. */
  readonly alg?: 'RS256' | 'ES256';
  /** A key id the JWKS does not publish, to sign with a key of our own. */
  readonly unpublishedKey?: boolean;
  readonly audience?: string;
  readonly issuer?: string;
  /** Seconds from now; `null` leaves `exp` out. Default one hour. */
  readonly expiresInSeconds?: number | null;
}

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: KeyLike;
  readonly jwk: JWK;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/**
 * An OpenID Connect issuer on a loopback port, for specs: it serves its discovery document and JWKS over
 * HTTP (as a real IdP would) and signs tokens with the published keys — or with a key it never published.
 */
export class TestIssuer {
  /** While true, every request is answered 503: an identity provider that is down. */
  unavailable = false;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly keys: { readonly rs: SigningKey; readonly es: SigningKey; readonly stranger: SigningKey },
  ) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.answer(req, res));
  }

  static async start(): Promise<TestIssuer> {
    const keys = { rs: await signingKey('rs-1', 'RS256'), es: await signingKey('es-1', 'ES256'), stranger: await signingKey('not-published', 'RS256') };
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TestIssuer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, keys);
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    if (this.unavailable) return void res.writeHead(503).end();
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer: this.issuer, jwks_uri: this.jwksUrl }
        : req.url === '/jwks'
          ? { keys: [this.keys.rs.jwk, this.keys.es.jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? { error: 'not found' }));
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  async sign(claims: JWTPayload, options: SignOptions = {}): Promise<string> {
    const key = options.unpublishedKey ? this.keys.stranger : options.alg === 'ES256' ? this.keys.es : this.keys.rs;
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? 'rapport-api')
      .setIssuedAt();
    const expiresIn = options.expiresInSeconds === undefined ? 3_600 : options.expiresInSeconds;
    if (expiresIn !== null) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn);
    return jwt.sign(key.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
