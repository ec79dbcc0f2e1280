import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { collectHistory, type AuditEntry } from '@rapport/platform-audit';
import { Roles } from '@rapport/platform-nest';
import { AuditStores } from '../audit-stores';
import { filterOf, HistoryQuery } from './history.query';

export class AuditHistoryDto {
  @ApiProperty({ format: 'uuid' }) readonly customerId!: string;
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
  constructor(private readonly stores: AuditStores) {}

  @Get('customers/:customerId/history')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: "A1/A2: one customer's full history across every service, in order, with who, when, why, through what, correlation and causation" })
  @ApiOkResponse({ type: AuditHistoryDto })
  @ApiBadRequestResponse({ description: 'a filter is malformed' })
  async history(@Param('customerId', new ParseUUIDPipe()) customerId: string, @Query() query: HistoryQuery): Promise<AuditHistoryDto> {
    return { customerId, items: await collectHistory(await this.stores.all(), filterOf(query, customerId.toLowerCase())) };
  }
}
