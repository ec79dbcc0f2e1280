import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { ReadinessRegistry } from './readiness';

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

  /** Readiness: every projection, relay and consumer has caught up with its source. */
  @Get('ready')
  @ApiOkResponse({ description: 'all read models are caught up' })
  @ApiServiceUnavailableResponse({ description: 'some read model is still catching up' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const report = await this.readiness.report();
    if (!report.ready) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
