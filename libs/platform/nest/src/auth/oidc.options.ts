import type { RapportEnvironment } from '../runtime/config';
import { parseRoleMap, type RoleMap } from './role-map';

/** How this server trusts an OpenID Connect identity provider (D3). */
export interface OidcOptions {
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** Unset: discovered from the issuer's /.well-known/openid-configuration. */
  readonly jwksUrl?: string;
  readonly rolesClaim: string;
  readonly subjectClaim: string;
  readonly roleMap?: RoleMap;
}

/** The OIDC options of a validated environment, or undefined when no issuer is configured. */
export function oidcOptionsOf(env: RapportEnvironment): OidcOptions | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const roleMap = env.OIDC_ROLE_MAP === undefined ? undefined : parseRoleMap(env.OIDC_ROLE_MAP);
  // loadEnvironment already refused a malformed map; this keeps the types honest.
  if (typeof roleMap === 'string') throw new Error(roleMap);
  return {
    issuer: env.OIDC_ISSUER,
    audiences: (env.OIDC_AUDIENCE ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    ...(env.OIDC_JWKS_URL ? { jwksUrl: env.OIDC_JWKS_URL } : {}),
    rolesClaim: env.OIDC_ROLES_CLAIM,
    subjectClaim: env.OIDC_SUBJECT_CLAIM,
    ...(roleMap ? { roleMap } : {}),
  };
}
