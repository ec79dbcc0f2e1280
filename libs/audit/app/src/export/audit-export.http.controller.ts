import { Controller, Get, Header, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { exportWriter } from '@rapport/platform-audit';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, Roles } from '@rapport/platform-nest';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { HISTORY_SOURCE, type HistorySource } from '../history/history-source';
import { filterOf, HistoryQuery } from '../history/history.query';

export class ExportQuery extends HistoryQuery {
  @ApiPropertyOptional({ enum: ['jsonl', 'csv'], default: 'jsonl' }) @IsOptional() @IsIn(['jsonl', 'csv']) format?: 'jsonl' | 'csv';
}

const CONTENT_TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

/** A7: exports with the chain and digest that prove them complete (`rapport verify <file>` checks one offline). */
@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditExportHttpController {
  constructor(
    @Inject(HISTORY_SOURCE) private readonly source: HistorySource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('customers/:customerId/export')
  @Roles('auditor', 'admin')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: "A7: one customer's history as JSON Lines or CSV, each line chained (SHA-256), closed by a digest line" })
  @ApiOkResponse({ description: 'the export', content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'a filter is malformed' })
  async customer(@Param('customerId', new ParseUUIDPipe()) customerId: string, @Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    await this.send(response, query, customerId.toLowerCase());
  }

  @Get('export')
  @Roles('auditor', 'admin')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'A7: every change in a time range (and service, type, actor), as JSON Lines or CSV with its chain and digest' })
  @ApiOkResponse({ description: 'the export', content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'a filter is malformed' })
  async range(@Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    await this.send(response, query);
  }

  private async send(response: Response, query: ExportQuery, subject?: string): Promise<void> {
    const format = query.format ?? 'jsonl';
    const filter = filterOf(query, subject);
    const entries = await this.source.collect(filter);
    const writer = exportWriter(format);
    response.status(200).type(CONTENT_TYPES[format]);
    response.setHeader('content-disposition', `attachment; filename="rapport-audit-${subject ?? 'range'}.${format}"`);
    if (writer.header) response.write(`${writer.header}\n`);
    for (const entry of entries) response.write(`${writer.add(entry)}\n`);
    response.end(`${writer.finish(filter, this.clock.now().toISOString())}\n`);
  }
}
