import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SchedulerQueries } from '../scheduler-queries';

export class TaskListQuery {
  @ApiPropertyOptional({ example: 'rep-ana', description: 'Whose tasks; a rep sees only their own (default: the caller)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ownerId?: string;

  @ApiPropertyOptional({ example: 14, minimum: 0, maximum: 90, description: 'How many days ahead "upcoming" reaches' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(90)
  upcomingDays?: number;
}

export class TaskDto {
  @ApiProperty({ example: 'c-1' }) readonly customerId!: string;
  @ApiProperty({ format: 'date-time' }) readonly dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly openSince!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'new-buyer' }) readonly stage!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'weekly for 12 weeks after purchase' }) readonly cadence!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readonly lastContactAt!: string | null;
}

export class TaskListDto {
  @ApiProperty({ example: 'rep-ana' }) readonly ownerId!: string;
  @ApiProperty({ format: 'date-time' }) readonly asOf!: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: "the time zone 'today' is counted in: the rep's team's (directory), UTC without one" })
  readonly timeZone!: string;
  @ApiProperty({ type: [TaskDto], description: 'due before today, oldest first' }) readonly overdue!: TaskDto[];
  @ApiProperty({ type: [TaskDto] }) readonly dueToday!: TaskDto[];
  @ApiProperty({ type: [TaskDto] }) readonly upcoming!: TaskDto[];
}

@ApiTags('scheduler')
@Controller('api/v1/scheduler/tasks')
export class TaskListHttpController {
  constructor(private readonly queries: SchedulerQueries) {}

  @Get()
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: "S1: a rep's follow-ups: overdue, due today, upcoming (days in the rep's team's time zone)" })
  @ApiOkResponse({ type: TaskListDto })
  @ApiForbiddenResponse({ description: "a rep asked for another rep's list (problem+json)" })
  list(@Query() query: TaskListQuery, @CurrentPrincipal() principal: Principal): Promise<TaskListDto> {
    const ownerId = query.ownerId ?? principal.id;
    if (ownerId !== principal.id && !hasRole(principal, 'manager', 'auditor', 'admin')) {
      throw new DomainError('forbidden', 'not-your-tasks', 'a rep sees only their own task list', 'S1');
    }
    return this.queries.taskList(ownerId, query.upcomingDays) as Promise<TaskListDto>;
  }
}
