import { JwtService } from '@nestjs/jwt';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES, type Principal, type Role } from './principal';

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
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Issues and verifies JWTs (HS256) and API keys. */
export class TokenService {
  private readonly jwt: JwtService;
  private readonly apiKeys: readonly { hash: Buffer; principal: Principal }[];

  constructor(secret: string, apiKeys: readonly ApiKeyEntry[] = [], issuer = 'rapport') {
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', issuer }, verifyOptions: { algorithms: ['HS256'], issuer } });
    this.apiKeys = apiKeys.map((entry) => ({ hash: Buffer.from(entry.keyHash, 'hex'), principal: entry.principal }));
  }

  issue(principal: Omit<Principal, 'kind'>, expiresIn: `${number}${'s' | 'm' | 'h' | 'd'}` = '12h'): string {
    const claims: Claims = {
      sub: principal.id,
      roles: [...principal.roles],
      ...(principal.team ? { team: principal.team } : {}),
      ...(principal.managerId ? { mgr: principal.managerId } : {}),
    };
    return this.jwt.sign(claims, { expiresIn });
  }

  /** @returns the principal, or undefined when the token is invalid, expired or names an unknown role. */
  verifyBearer(token: string): Principal | undefined {
    try {
      const claims = this.jwt.verify<Claims>(token);
      if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return undefined;
      if (!claims.roles.every((role) => (ROLES as readonly string[]).includes(role))) return undefined;
      return {
        id: claims.sub,
        kind: claims.roles.includes('integrator') ? 'integrator' : 'user',
        roles: claims.roles,
        ...(claims.team ? { team: claims.team } : {}),
        ...(claims.mgr ? { managerId: claims.mgr } : {}),
      };
    } catch {
      return undefined;
    }
  }

  verifyApiKey(key: string): Principal | undefined {
    const hash = sha256(key);
    return this.apiKeys.find((entry) => timingSafeEqual(entry.hash, hash))?.principal;
  }
}

export const hashApiKey = (key: string): string => sha256(key).toString('hex');
