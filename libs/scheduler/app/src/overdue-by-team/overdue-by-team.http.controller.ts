import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rapport/platform-nest';
import { IsOptional, IsString, Length } from 'class-validator';
import { SchedulerQueries } from '../scheduler-queries';

export class OverdueQuery {
  @ApiPropertyOptional({ example: 'east', description: 'A team of the directory; without it, every owner' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  teamId?: string;
}

class OwnerOverdueDto {
  @ApiProperty({ example: 'rep-ana' }) readonly ownerId!: string;
  @ApiProperty({ example: 3 }) readonly count!: number;
  @ApiProperty({ format: 'date-time' }) readonly oldestDueAt!: string;
}

export class TeamOverdueDto {
  @ApiProperty({ type: String, nullable: true }) readonly teamId!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly asOf!: string;
  @ApiProperty({ example: 7 }) readonly count!: number;
  @ApiProperty({ type: [OwnerOverdueDto] }) readonly byOwner!: OwnerOverdueDto[];
}

@ApiTags('scheduler')
@Controller('api/v1/scheduler/overdue')
export class OverdueByTeamHttpController {
  constructor(private readonly queries: SchedulerQueries) {}

  @Get()
  @Roles('manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'S1: overdue follow-ups per owner, for a team of the directory (D1) or everyone' })
  @ApiOkResponse({ type: TeamOverdueDto })
  overdue(@Query() query: OverdueQuery): Promise<TeamOverdueDto> {
    return this.queries.overdue(query.teamId) as Promise<TeamOverdueDto>;
  }
}
