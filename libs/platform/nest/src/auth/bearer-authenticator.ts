import { decodeProtectedHeader } from 'jose';
import type { OidcVerifier } from './oidc.verifier';
import type { TokenService } from './token.service';
import { refused, type TokenVerdict } from './token-verdict';

/**
 * Sends each bearer token to the verifier of its kind. The algorithm in the token's header only picks the
 * verifier; each verifier then accepts its own algorithms alone, so a token cannot talk its way from
 * one to the other (an RS256 public key is never used as an HS256 secret).
 */
export class BearerAuthenticator {
  constructor(
    private readonly devTokens: TokenService,
    private readonly oidc: OidcVerifier | undefined,
  ) {}

  async verify(token: string): Promise<TokenVerdict> {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      return refused('token is not a well-formed JWT');
    }
    if (alg === 'HS256') return this.devTokens.verify(token);
    if (!this.oidc) return refused('this server accepts no identity-provider tokens (OIDC is not configured); use a development token');
    return this.oidc.verify(token);
  }
}
