import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuditEntry } from '@rapport/platform-audit';
import { Roles } from '@rapport/platform-nest';
import { HISTORY_SOURCE, type HistorySource } from './history-source';
import { filterOf, HistoryQuery } from './history.query';

export class AuditHistoryDto {
  @ApiProperty({ format: 'uuid' }) readonly customerId!: string;
  @ApiProperty({ enum: ['stores', 'topics'], description: "Where it was assembled from: the services' event stores (embedded), or the events they published on their topics (distributed: no free-text reasons, no events a service keeps to itself)" })
  readonly source!: 'stores' | 'topics';
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Oldest first: service, position, streamId, eventId, type, at, actor, via, reason, correlationId, causationId, commandId, erasedFields, data',
  })
  readonly items!: AuditEntry[];
}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditHistoryHttpController {
  constructor(@Inject(HISTORY_SOURCE) private readonly source: HistorySource) {}

  @Get('customers/:customerId/history')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: "A1/A2: one customer's full history across every service, in order, with who, when, why, through what, correlation and causation" })
  @ApiOkResponse({ type: AuditHistoryDto })
  @ApiBadRequestResponse({ description: 'a filter is malformed' })
  async history(@Param('customerId', new ParseUUIDPipe()) customerId: string, @Query() query: HistoryQuery): Promise<AuditHistoryDto> {
    return { customerId, source: this.source.kind, items: await this.source.collect(filterOf(query, customerId.toLowerCase())) };
  }
}
