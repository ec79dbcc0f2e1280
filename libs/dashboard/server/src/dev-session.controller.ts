import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ENVIRONMENT, ProblemException, Public, TokenService, type RapportEnvironment } from '@rapport/platform-nest';
import { DASHBOARD_OPTIONS, DEV_SIGN_IN_LIFETIME, type DashboardOptions, type DevPerson } from './dashboard.options';
import { DevPersonDto, DevTokenDto, DevTokenRequestDto } from './dev-session.dto';

const OFF = 'development sign-in is off: it exists only in embedded mode with RAPPORT_DEV_TOKENS=true; paste a token instead';

/**
 * The dashboard's sign-in in embedded mode: pick one of the development people, get a token. It is the
 * browser's equivalent of the tokens the all-in-one prints at start-up, and it is off wherever those are
 * (distributed mode, RAPPORT_DEV_TOKENS=false): there people bring a real token.
 */
@ApiTags('dashboard')
@Public()
@Controller('app/session')
export class DevSessionController {
  private readonly people: readonly DevPerson[];

  constructor(
    @Inject(ENVIRONMENT) private readonly environment: RapportEnvironment,
    @Inject(DASHBOARD_OPTIONS) options: DashboardOptions,
    private readonly tokens: TokenService,
  ) {
    this.people = options.devPeople ?? [];
  }

  @Get('dev-people')
  @ApiOperation({ summary: 'The development people one can sign in as (embedded mode only)' })
  @ApiOkResponse({ type: [DevPersonDto] })
  @ApiNotFoundResponse({ description: 'development sign-in is off' })
  list(): DevPersonDto[] {
    this.requireOn();
    return this.people.map((p) => ({ id: p.id, roles: [...p.roles], team: p.team ?? null }));
  }

  @Post('dev-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'A development token for one of the development people (embedded mode only)' })
  @ApiOkResponse({ type: DevTokenDto })
  @ApiBadRequestResponse({ description: 'the body is not a person id' })
  @ApiNotFoundResponse({ description: 'development sign-in is off, or no such development person' })
  issue(@Body() body: DevTokenRequestDto): DevTokenDto {
    this.requireOn();
    const person = this.people.find((p) => p.id === body.personId);
    if (!person) throw new ProblemException(404, 'not-found', `no development person ${body.personId}`);
    return { token: this.tokens.issue(person, DEV_SIGN_IN_LIFETIME), expiresIn: DEV_SIGN_IN_LIFETIME };
  }

  private requireOn(): void {
    const on = this.environment.RAPPORT_MODE === 'embedded' && this.environment.RAPPORT_DEV_TOKENS === 'true' && this.people.length > 0;
    if (!on) throw new ProblemException(404, 'dev-sign-in-off', OFF);
  }
}
