import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res, UnsupportedMediaTypeException, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { notFound } from '@rapport/platform-eventsourcing';
import { CommandContexts, CurrentPrincipal, hasRole, Roles, type Principal } from '@rapport/platform-nest';
import type { ImportRow } from '@rapport/customers-domain';
import type { Request, Response } from 'express';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { ImportAcceptedDto, ImportCustomersDto, ImportJobDto } from './import-customers.dto';
import { ImportJobs, viewOf } from './import-jobs';
import { CSV_ROWS_MAX, JSON_ROWS_MAX, rowsOfCsv } from './import-rows';
import { JsonRowCap } from './json-row-cap.interceptor';
import { ImportService } from './import.service';

/** SEC-5: a report is its author's and managers'; anyone else is told it does not exist, as for an unknown id. */
const mayRead = (principal: Principal, by: string): boolean => principal.id === by || hasRole(principal, 'manager', 'admin');

@ApiTags('customers: import')
@Controller('api/v1/customers/imports')
export class ImportCustomersHttpController {
  constructor(
    private readonly jobs: ImportJobs,
    private readonly imports: ImportService,
    private readonly contexts: CommandContexts,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('rep', 'manager', 'admin')
  @UseInterceptors(JsonRowCap)
  @ApiOperation({ summary: `Bulk import (C1) as JSON, up to ${JSON_ROWS_MAX.toLocaleString('en')} rows: accepted as a job; its report at the Location` })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  @ApiPayloadTooLargeResponse({ description: 'more rows than the cap, or a body over the size limit (problem+json naming the limit)' })
  importJson(@Body() body: ImportCustomersDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): ImportAcceptedDto {
    return this.accept(body.rows, request, response);
  }

  @Post('csv')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: `Bulk import (C1) as CSV (columns: name, phone, email, company, owner), up to ${CSV_ROWS_MAX.toLocaleString('en')} rows and 20 MB: accepted as a job` })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'name,phone,email\nMia Wong,+14155550100,mia@example.com' } })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  @ApiPayloadTooLargeResponse({ description: 'more rows than the cap, or a file over 20 MB (problem+json naming the limit)' })
  async importCsv(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ImportAcceptedDto> {
    if (!request.is('text/csv') || typeof request.body !== 'string') throw new UnsupportedMediaTypeException('send the file as text/csv');
    return this.accept(await rowsOfCsv(request.body), request, response);
  }

  @Get(':importId')
  @Roles('rep', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: "An import job: its status, counts and per-row report (its author's and managers' only)" })
  @ApiOkResponse({ type: ImportJobDto })
  async report(@Param('importId', CustomerIdPipe) importId: string, @CurrentPrincipal() principal: Principal): Promise<ImportJobDto> {
    const job = this.jobs.get(importId);
    if (job) {
      if (!mayRead(principal, job.by)) throw notFound('import', importId);
      return viewOf(job);
    }
    const recorded = await this.imports.report(importId);
    if (!recorded || !mayRead(principal, recorded.by)) throw notFound('import', importId);
    // Remembered from its event only: every row that did not become a customer (created rows are registrations).
    const { summary, notCreated, by, at } = recorded;
    return { importId, status: 'done', by, finishedAt: at, total: summary.rows, processed: summary.rows, summary, rows: notCreated, rowsListed: 'not-created' };
  }

  private accept(rows: readonly ImportRow[], request: Request, response: Response): ImportAcceptedDto {
    const job = this.jobs.submit(rows, this.contexts.fromRequest(request));
    const href = `/api/v1/customers/imports/${job.importId}`;
    response.location(href);
    return { importId: job.importId, status: job.status, total: job.total, href };
  }
}
