import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { ReadinessRegistry, type ReadinessReport } from './readiness';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  /** Liveness: the process answers. */
  @Get('health')
  @ApiOkResponse({ description: 'the process is alive' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: every projection, relay and consumer has caught up with its source. The body lists each
   * event-store processor with its position and how far behind it is (events, seconds), for operators.
   */
  @Get('ready')
  @ApiOkResponse({ description: 'all read models are caught up; `processors` lists position, eventsBehind and secondsBehind of each' })
  @ApiServiceUnavailableResponse({ description: 'some read model is still catching up; the same body says which and by how much' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    if (!report.ready) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
