import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DomainError, type Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, Roles } from '@rapport/platform-nest';
import { IsISO8601, IsOptional } from 'class-validator';
import { ComplaintsQueries } from '../complaints-queries';

export class TrendsQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'From (inclusive); default 90 days before `to`' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'To (exclusive); default now' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class TrendsDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'K7: [{ week, category, count }]', type: 'array', items: { type: 'object' } }) perCategoryPerWeek!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) repeatComplainers!: object[];
  @ApiProperty({ type: Number, nullable: true, description: 'Share of complaints with no SLA breach, %' }) slaCompliancePercent!: number | null;
  @ApiProperty({ type: 'object', description: '{ p50, p90, closed }: received → confirmed, ms', additionalProperties: true }) timeToResolveMs!: object;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Root causes repeating across customers' }) systemicRootCauses!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'K6: customers whose complaints mostly end in a concession' }) concessionWatch!: object[];
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 3_660;

@ApiTags('complaints: queries')
@Controller('api/v1/complaints/trends')
export class ComplaintTrendsHttpController {
  constructor(
    private readonly queries: ComplaintsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'K7: complaints per category per week, repeat complainers, SLA compliance, time-to-resolve p50/p90, systemic root causes' })
  @ApiOkResponse({ type: TrendsDto })
  @ApiForbiddenResponse({ description: 'not a manager, auditor or admin' })
  @ApiUnprocessableEntityResponse({ description: '`from` not before `to`, or more than 3,660 days apart (problem+json, K7)' })
  trends(@Query() query: TrendsQuery): Promise<TrendsDto> {
    const to = query.to ? Date.parse(query.to) : this.clock.now().getTime();
    const from = query.from ? Date.parse(query.from) : to - 90 * DAY_MS;
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to || to - from > MAX_DAYS * DAY_MS) {
      throw new DomainError('rule_violation', 'invalid-period', `from must be before to, at most ${MAX_DAYS} days apart`, 'K7');
    }
    return this.queries.trends(new Date(from).toISOString(), new Date(to).toISOString()) as Promise<TrendsDto>;
  }
}
