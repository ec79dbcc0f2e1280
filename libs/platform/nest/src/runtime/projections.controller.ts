import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { notFound, type ProjectionRunner } from '@rapport/platform-eventsourcing';
import { Roles } from '../auth/decorators';
import { ReadinessRegistry } from './readiness';

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: number;
  readonly caughtUp: boolean;
}

async function statusOf(name: string, runner: ProjectionRunner): Promise<ProjectionStatus> {
  const lag = await runner.lag();
  return { name, checkpoint: lag.position, caughtUp: lag.caughtUp };
}

/**
 * Operations on read models: see how far each projection is, and rebuild one from zero. (Events and
 * seconds behind, for every processor, are in the body of `/ready`.)
 */
@ApiTags('operations')
@Controller('admin/projections')
@Roles('admin')
export class ProjectionsController {
  constructor(private readonly projections: ReadinessRegistry) {}

  @Get()
  @ApiOkResponse({ description: 'every projection with its checkpoint' })
  async list(): Promise<ProjectionStatus[]> {
    return Promise.all(this.projections.projections().map(([name, runner]) => statusOf(name, runner)));
  }

  /** Drops the read model and replays the service's whole event stream into it; answers when done. */
  @Post(':service/:projection/rebuild')
  @HttpCode(200)
  async rebuild(@Param('service') service: string, @Param('projection') projection: string): Promise<ProjectionStatus> {
    const name = `${service}/${projection}`;
    const runner = this.projections.projection(name);
    if (!runner) throw notFound('projection', name);
    await runner.rebuild();
    return statusOf(name, runner);
  }
}
