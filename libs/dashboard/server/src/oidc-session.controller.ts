import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ENVIRONMENT, ProblemException, Public, type AuthenticatedRequest, type RapportEnvironment } from '@rapport/platform-nest';
import { DASHBOARD_OPTIONS, oidcClientOf, type DashboardOptions } from './dashboard.options';
import { OidcSignInDto, SignedInDto } from './dev-session.dto';

/**
 * The dashboard's sign-in with the company's identity provider (D3): the app runs the authorization-code flow with
 * PKCE in the browser (a public client: no secret), and this says where to go. The token it gets is verified by the
 * API like any OIDC bearer token; `me` tells the app who that token is as the API sees it (the roles an IdP sends
 * are mapped on the server: the app cannot read them from the token itself).
 */
@ApiTags('dashboard')
@Controller('app/session')
export class OidcSessionController {
  private readonly client: OidcSignInDto | null;

  constructor(@Inject(ENVIRONMENT) environment: RapportEnvironment, @Inject(DASHBOARD_OPTIONS) options: DashboardOptions) {
    const client = oidcClientOf(options);
    this.client = environment.OIDC_ISSUER && client ? { issuer: environment.OIDC_ISSUER, clientId: client.clientId, scope: client.scope } : null;
  }

  @Get('oidc')
  @Public()
  @ApiOperation({ summary: "Where the app sends people to sign in with the company's identity provider (authorization code with PKCE)" })
  @ApiOkResponse({ type: OidcSignInDto })
  @ApiNotFoundResponse({ description: 'no identity provider, or no dashboard client id, is configured here', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  oidc(): OidcSignInDto {
    if (!this.client) throw new ProblemException(404, 'oidc-sign-in-off', 'sign-in with an identity provider is not configured here (OIDC_ISSUER and DASHBOARD_OIDC_CLIENT_ID)');
    return this.client;
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the bearer token speaks for, as the API maps it (id, roles, team)' })
  @ApiOkResponse({ type: SignedInDto })
  @ApiForbiddenResponse({ description: 'signed in, but granted no Rapport role' })
  me(@Req() request: AuthenticatedRequest): SignedInDto {
    const principal = request.principal!;
    return { id: principal.id, roles: [...principal.roles], team: principal.team ?? null };
  }
}
