import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';

class IndexLinks {
  @ApiProperty({ example: '/docs' }) readonly docs!: string;
  @ApiProperty({ example: '/docs-json' }) readonly openapi!: string;
  @ApiProperty({ example: '/health' }) readonly health!: string;
  @ApiProperty({ example: '/ready' }) readonly ready!: string;
}

export class ApiIndex {
  @ApiProperty({ example: 'Rapport' }) readonly name!: string;
  @ApiProperty({ type: IndexLinks }) readonly links!: IndexLinks;
  @ApiProperty({ example: 'Send Authorization: Bearer <token>; `npm run token -- --help` prints one for development' })
  readonly authentication!: string;
}

/**
 * `GET /` for someone who just started the server or was handed its URL: where the documentation is and
 * how to authenticate, instead of a 404.
 */
@ApiTags('operations')
@Public()
@Controller()
export class IndexController {
  @Get()
  @ApiOperation({ summary: 'Where to start: links to the API documentation, health and readiness' })
  @ApiOkResponse({ type: ApiIndex })
  index(): ApiIndex {
    return {
      name: 'Rapport',
      links: { docs: '/docs', openapi: '/docs-json', health: '/health', ready: '/ready' },
      authentication:
        'Send Authorization: Bearer <token> (an OIDC token from your identity provider, or a development token: `npm run token -- --help`), or X-API-Key for integrators',
    };
  }
}
