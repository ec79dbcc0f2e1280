import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rapport/platform-nest';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ComplaintsQueries } from '../complaints-queries';
import { ComplaintViewDto } from '../http/complaint-view.dto';

export class SlaBoardQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

@ApiTags('complaints: queries')
@Controller('api/v1/complaints/sla-board')
export class SlaBoardHttpController {
  constructor(private readonly queries: ComplaintsQueries) {}

  @Get()
  @Roles('manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'K3: open complaints, breached first, then by business time running out; every deadline shown' })
  @ApiOkResponse({ type: [ComplaintViewDto] })
  @ApiForbiddenResponse({ description: 'not a manager, auditor or admin' })
  board(@Query() query: SlaBoardQuery): Promise<ComplaintViewDto[]> {
    return this.queries.slaBoard(query.limit ?? 50, query.offset ?? 0) as Promise<ComplaintViewDto[]>;
  }
}
