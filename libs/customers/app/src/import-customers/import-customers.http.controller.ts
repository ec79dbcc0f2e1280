import { Body, Controller, Get, HttpCode, HttpStatus, Param, PayloadTooLargeException, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound } from '@rapport/platform-eventsourcing';
import { CommandContexts, RequestValidationError, Roles } from '@rapport/platform-nest';
import type { CustomersImported, ImportRow } from '@rapport/customers-domain';
import type { Request } from 'express';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { parseCsv } from './csv';
import { ImportCustomersDto, ImportReportDto } from './import-customers.dto';
import { ImportService } from './import.service';

const CSV_LIMIT_BYTES = 20 * 1024 * 1024;
const COLUMNS = ['name', 'phone', 'email', 'company', 'owner'] as const;

/**
 * The platform's JSON parser stops at 100 kB, about 700 rows. A real import is a spreadsheet export, so
 * CSV is read here from the raw request (the JSON parser leaves `text/csv` alone), up to 20 MB.
 */
function readBody(request: Request, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new PayloadTooLargeException(`a CSV import is at most ${limit / 1024 / 1024} MB`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function rowsOfCsv(text: string): ImportRow[] {
  const [header, ...lines] = parseCsv(text);
  if (!header) throw new RequestValidationError([{ field: 'body', messages: ['the CSV file is empty'] }]);
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new RequestValidationError(unknown.map((n) => ({ field: `header:${n}`, messages: [`unknown column; expected ${COLUMNS.join(', ')}`] })));
  if (!names.includes('name')) throw new RequestValidationError([{ field: 'header:name', messages: ['the name column is required'] }]);
  return lines.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i] ?? null])) as ImportRow);
}

@ApiTags('customers: import')
@Controller('api/v1/customers/imports')
export class ImportCustomersHttpController {
  constructor(
    private readonly imports: ImportService,
    private readonly contexts: CommandContexts,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: 'Bulk import (C1) as JSON: dedupes within the file and against the registry, reports every row' })
  @ApiOkResponse({ type: ImportReportDto })
  importJson(@Body() body: ImportCustomersDto, @Req() request: Request): Promise<ImportReportDto> {
    return this.imports.import(body.rows, this.contexts.fromRequest(request)) as Promise<ImportReportDto>;
  }

  @Post('csv')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: 'Bulk import (C1) as CSV (columns: name, phone, email, company, owner), up to 20 MB' })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'name,phone,email\nMia Wong,+14155550100,mia@example.com' } })
  @ApiOkResponse({ type: ImportReportDto })
  async importCsv(@Req() request: Request): Promise<ImportReportDto> {
    if (!request.is('text/csv')) throw new UnsupportedMediaTypeException('send the file as text/csv');
    const context = this.contexts.fromRequest(request);
    const rows = rowsOfCsv(typeof request.body === 'string' ? request.body : await readBody(request, CSV_LIMIT_BYTES));
    if (rows.length === 0) throw new RequestValidationError([{ field: 'body', messages: ['the CSV file has no rows'] }]);
    return this.imports.import(rows, context) as Promise<ImportReportDto>;
  }

  @Get(':importId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: "An import's record: its summary and every row that did not become a customer" })
  @ApiNotFoundResponse({ description: 'no such import' })
  async report(@Param('importId', CustomerIdPipe) importId: string): Promise<CustomersImported['data']> {
    const report = await this.imports.report(importId);
    if (!report) throw notFound('import', importId);
    return report;
  }
}
