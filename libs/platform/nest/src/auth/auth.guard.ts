import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BearerAuthenticator } from './bearer-authenticator';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './decorators';
import { hasRole, type Principal, type Role } from './principal';
import { TokenService } from './token.service';
import { accepted, refused, type TokenVerdict } from './token-verdict';

interface Response {
  setHeader(name: string, value: string): void;
}

/**
 * Every route is authenticated unless marked @Public(): a bearer token (a development token, or an OIDC
 * token from the company's identity provider) or an `X-API-Key` (integrators). @Roles() then narrows who
 * may call it. A refusal says why in the problem's `detail` — the caller's own token is no secret to them.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuthenticator,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const verdict = await this.authenticate(request);
    if (!verdict.ok) {
      // RFC 6750 §3: a Bearer challenge, naming the error only when a credential was presented.
      const presented = request.headers['authorization'] !== undefined || request.headers['x-api-key'] !== undefined;
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', `Bearer realm="rapport"${presented ? ', error="invalid_token"' : ''}`);
      throw new UnauthorizedException(verdict.reason);
    }
    const principal: Principal = verdict.principal;
    if (principal.roles.length === 0) throw new ForbiddenException('signed in, but granted no Rapport role (ask an admin to map one of yours)');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(principal, ...roles)) {
      throw new ForbiddenException(`this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<TokenVerdict> {
    const authorization = request.headers['authorization'];
    const apiKey = request.headers['x-api-key'];
    if (typeof authorization === 'string' && /^bearer /i.test(authorization)) return this.bearer.verify(authorization.slice('Bearer '.length).trim());
    if (typeof apiKey === 'string') {
      const principal = this.tokens.verifyApiKey(apiKey);
      return principal ? accepted(principal) : refused('API key not recognised');
    }
    return refused(
      typeof authorization === 'string' ? 'the Authorization header must read "Bearer <token>"' : 'a bearer token (Authorization: Bearer …) or an X-API-Key is required',
    );
  }
}
