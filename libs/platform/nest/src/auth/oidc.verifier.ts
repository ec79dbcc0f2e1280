import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { OidcOptions } from './oidc.options';
import { rapportRolesOf } from './role-map';
import { accepted, refused, type TokenVerdict } from './token-verdict';

/** Asymmetric algorithms only: an IdP token is verified with keys the IdP publishes, never with a shared secret. */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'] as const;

const DISCOVERY_TIMEOUT_MS = 5_000;
/** Clocks of the IdP and this server may differ a little; more than this is an expired token. */
const CLOCK_TOLERANCE_S = 30;

const claimAt = (payload: JWTPayload, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);

/** Role claims come as a list (`roles`, `groups`) or, from some IdPs, as one space-separated string. */
const namesIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];

/**
 * Verifies bearer tokens from an OpenID Connect identity provider (D3): signature against the issuer's
 * published keys (JWKS, fetched and cached by `jose`, refetched when an unknown key id appears — the IdP
 * rotated), issuer, audience and a mandatory expiry; then maps the IdP's roles to Rapport roles.
 */
export class OidcVerifier {
  private readonly logger = new Logger('oidc');
  private keys: Promise<JWTVerifyGetKey> | undefined;

  constructor(private readonly options: OidcOptions) {}

  async verify(token: string): Promise<TokenVerdict> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.options.issuer,
        audience: [...this.options.audiences],
        algorithms: [...OIDC_ALGORITHMS],
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (error) {
      return refused(this.reasonOf(error));
    }
    const subject = claimAt(payload, this.options.subjectClaim);
    if (typeof subject !== 'string' || subject === '') return refused(`token has no ${this.options.subjectClaim} claim naming the caller`);
    const roles = rapportRolesOf(namesIn(claimAt(payload, this.options.rolesClaim)), this.options.roleMap);
    return accepted({ id: subject, kind: roles.includes('integrator') ? 'integrator' : 'user', roles });
  }

  /** The key set, from OIDC_JWKS_URL or discovery; a failed discovery is forgotten so the next request retries. */
  private keySet(): Promise<JWTVerifyGetKey> {
    if (!this.keys) {
      this.keys = this.jwksUrl().then((url) => createRemoteJWKSet(new URL(url)));
      this.keys.catch(() => (this.keys = undefined));
    }
    return this.keys;
  }

  private async jwksUrl(): Promise<string> {
    if (this.options.jwksUrl) return this.options.jwksUrl;
    const url = `${this.options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) throw new DiscoveryError(`${url} answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OIDC Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if (metadata.issuer !== this.options.issuer) throw new DiscoveryError(`${url} names issuer ${String(metadata.issuer)}, not ${this.options.issuer}`);
    if (typeof metadata.jwks_uri !== 'string') throw new DiscoveryError(`${url} has no jwks_uri`);
    return metadata.jwks_uri;
  }

  /** The caller learns what is wrong with their token; what is wrong on our side goes to the log only. */
  private reasonOf(error: unknown): string {
    if (error instanceof errors.JWTExpired) return 'token expired';
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'exp') return 'token has no expiry (exp); tokens that never expire are refused';
      if (error.claim === 'aud') return 'token is meant for another audience (aud), not this service';
      if (error.claim === 'iss') return 'token was issued by another identity provider (iss)';
      if (error.claim === 'nbf') return 'token is not valid yet (nbf)';
      return `token claim ${error.claim} is invalid`;
    }
    if (error instanceof errors.JWKSNoMatchingKey) return "token is signed with a key the identity provider does not publish (unknown key id)";
    if (error instanceof errors.JWSSignatureVerificationFailed) return "token signature does not verify with the identity provider's keys";
    if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return `token algorithm is not accepted (only ${OIDC_ALGORITHMS.join(', ')})`;
    if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'token is not a well-formed JWT';
    this.logger.warn(`cannot verify OIDC tokens: ${error instanceof Error ? error.message : String(error)}`);
    return "the identity provider's signing keys could not be fetched; try again later";
  }
}

class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}
