import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './decorators';
import { hasRole, type Role } from './principal';
import { TokenService } from './token.service';

/**
 * Every route is authenticated unless marked @Public(): a JWT bearer token (people) or an
 * `X-API-Key` (integrators). @Roles() then narrows who may call it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authorization = request.headers['authorization'];
    const apiKey = request.headers['x-api-key'];
    const principal =
      typeof authorization === 'string' && authorization.startsWith('Bearer ')
        ? this.tokens.verifyBearer(authorization.slice('Bearer '.length).trim())
        : typeof apiKey === 'string'
          ? this.tokens.verifyApiKey(apiKey)
          : undefined;
    if (!principal) throw new UnauthorizedException('a valid bearer token or API key is required');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(principal, ...roles)) {
      throw new ForbiddenException(`this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
