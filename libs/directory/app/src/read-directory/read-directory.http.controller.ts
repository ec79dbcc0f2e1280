import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiNotFoundResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { notFound, type Query as StoreQuery } from '@rapport/platform-eventsourcing';
import { ServiceHost } from '@rapport/platform-nest';
import { Inject } from '@nestjs/common';
import { DIRECTORY_HOST } from '../directory.tokens';
import { DirectoryId } from '../http/directory-dto.helpers';
import { PersonIdPipe } from '../http/person-id.pipe';
import { PEOPLE, TEAMS, type PersonRow, type TeamRow } from '../read-models/directory.projection';

export class PeopleQuery {
  @DirectoryId('Only this team', true)
  teamId?: string;

  @DirectoryId('Only people with this manager', true)
  managerId?: string;

  @ApiPropertyOptional({ description: 'Only active (true) or deactivated (false) people' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** Who is who: any signed-in user may read the directory (reps see their manager, managers their team). */
@ApiTags('directory')
@Controller('api/v1/directory')
export class ReadDirectoryHttpController {
  constructor(@Inject(DIRECTORY_HOST) private readonly host: ServiceHost) {}

  @Get('people')
  @ApiOperation({ summary: 'People (D1), by id; filter by team, manager, active' })
  @ApiOkResponse({ description: '{ items, total }' })
  async people(@Query() q: PeopleQuery): Promise<{ items: PersonRow[]; total: number }> {
    const where: NonNullable<StoreQuery['where']> = {
      ...(q.teamId ? { teamId: q.teamId } : {}),
      ...(q.managerId ? { managerId: q.managerId } : {}),
      ...(q.active !== undefined ? { active: q.active } : {}),
    };
    const [items, total] = await Promise.all([
      this.host.readModels.find<PersonRow>(PEOPLE, { where, orderBy: [{ field: 'id' }], limit: q.limit ?? 100, offset: q.offset ?? 0 }),
      this.host.readModels.count(PEOPLE, { where }),
    ]);
    return { items, total };
  }

  @Get('people/:personId')
  @ApiOperation({ summary: 'One person (D1)' })
  @ApiOkResponse({ description: 'The person' })
  @ApiNotFoundResponse({ description: 'no such person' })
  async person(@Param('personId', PersonIdPipe) personId: string): Promise<PersonRow> {
    const row = await this.host.readModels.get<PersonRow>(PEOPLE, personId);
    if (!row) throw notFound('person', personId);
    return row;
  }

  @Get('teams')
  @ApiOperation({ summary: 'Teams with their business hours, time zone and holidays (D1)' })
  @ApiOkResponse({ description: '{ items }' })
  async teams(): Promise<{ items: TeamRow[] }> {
    return { items: await this.host.readModels.find<TeamRow>(TEAMS, { orderBy: [{ field: 'id' }], limit: 500 }) };
  }

  @Get('teams/:teamId')
  @ApiOperation({ summary: 'One team (D1)' })
  @ApiOkResponse({ description: 'The team' })
  @ApiNotFoundResponse({ description: 'no such team' })
  async team(@Param('teamId', PersonIdPipe) teamId: string): Promise<TeamRow> {
    const row = await this.host.readModels.get<TeamRow>(TEAMS, teamId);
    if (!row) throw notFound('team', teamId);
    return row;
  }
}
