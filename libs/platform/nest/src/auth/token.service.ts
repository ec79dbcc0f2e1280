import { JwtService } from '@nestjs/jwt';
import { createHash, createSecretKey, timingSafeEqual } from 'node:crypto';
import { ROLES, type Principal, type Role } from './principal';
import { accepted, refused, type TokenVerdict } from './token-verdict';

export interface ApiKeyEntry {
  /** SHA-256 of the key, hex: the key itself is never kept in memory or config. */
  readonly keyHash: string;
  readonly principal: Principal;
}

interface Claims {
  sub: string;
  roles: Role[];
  team?: string;
  mgr?: string;
  exp?: number;
}

/** A lifetime as the token CLI and `issue` take it: `90s`, `30m`, `12h`, `1d`. */
export type Lifetime = `${number}${'s' | 'm' | 'h' | 'd'}`;

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** What jsonwebtoken's refusal means for the caller, in words that point at the likely mistake. */
function reasonOf(error: unknown): string {
  const { name, message } = error instanceof Error ? error : { name: '', message: '' };
  const expiredAt = (error as { expiredAt?: Date }).expiredAt;
  if (name === 'TokenExpiredError') return `token expired${expiredAt ? ` at ${expiredAt.toISOString()}` : ''}`;
  if (name === 'NotBeforeError') return 'token is not valid yet (nbf)';
  if (message === 'invalid signature') {
    return "token signature does not match this server's secret (was it issued for another DATA_DIR or JWT_SECRET?)";
  }
  if (message.startsWith('jwt issuer invalid')) return 'token was not issued by this server (iss)';
  return 'token is not a well-formed JWT';
}

/**
 * Development tokens (HS256 with this installation's secret) and integrator API keys. People of a company
 * with an identity provider sign in through it instead (OidcVerifier).
 */
export class TokenService {
  private readonly jwt: JwtService;
  private readonly apiKeys: readonly { hash: Buffer; principal: Principal }[];

  constructor(secret: string, apiKeys: readonly ApiKeyEntry[] = [], issuer = 'rapport') {
    // jsonwebtoken turns a string secret into a KeyObject on every sign and verify (about a tenth of the CPU of a
    // command under load); the key is made once here instead.
    const key = createSecretKey(Buffer.from(secret, 'utf8'));
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: 'HS256', issuer },
      verifyOptions: { algorithms: ['HS256'], issuer },
    });
    this.apiKeys = apiKeys.map((entry) => ({ hash: Buffer.from(entry.keyHash, 'hex'), principal: entry.principal }));
  }

  issue(principal: Omit<Principal, 'kind'>, expiresIn: Lifetime = '12h'): string {
    const claims: Claims = {
      sub: principal.id,
      roles: [...principal.roles],
      ...(principal.team ? { team: principal.team } : {}),
      ...(principal.managerId ? { mgr: principal.managerId } : {}),
    };
    return this.jwt.sign(claims, { expiresIn });
  }

  /** Checks a development token; a refusal says why (expired, another server's secret, no expiry…). */
  verify(token: string): TokenVerdict {
    let claims: Claims;
    try {
      claims = this.jwt.verify<Claims>(token);
    } catch (error) {
      return refused(reasonOf(error));
    }
    // jsonwebtoken accepts a token without `exp`; a credential that never expires is one nobody can revoke.
    if (typeof claims.exp !== 'number') return refused('token has no expiry (exp); tokens that never expire are refused');
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return refused('token lacks the sub or roles claim');
    const unknown = claims.roles.filter((role) => !(ROLES as readonly string[]).includes(role));
    if (unknown.length > 0) return refused(`token names unknown role(s): ${unknown.join(', ')}`);
    return accepted({
      id: claims.sub,
      kind: claims.roles.includes('integrator') ? 'integrator' : 'user',
      roles: claims.roles,
      ...(claims.team ? { team: claims.team } : {}),
      ...(claims.mgr ? { managerId: claims.mgr } : {}),
    });
  }

  verifyApiKey(key: string): Principal | undefined {
    const hash = sha256(key);
    return this.apiKeys.find((entry) => timingSafeEqual(entry.hash, hash))?.principal;
  }
}

export const hashApiKey = (key: string): string => sha256(key).toString('hex');
