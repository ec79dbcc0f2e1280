import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DomainError } from '@rapport/platform-eventsourcing';
import { Roles, ServiceHost } from '@rapport/platform-nest';
import { policyProblems, type GatePolicy, type GateReason } from '@rapport/sales-gating-domain';
import type { ReasonDto } from '../gate-queries/gate-queries.dto';
import { GateCommands } from '../gate-commands';
import { SalesGatingQueries } from '../sales-gating-queries';
import { SALES_GATING_HOST } from '../sales-gating.tokens';
import { WhatIfDto, WhatIfReportDto } from './what-if.dto';
import { whatIfReport } from './what-if';

const reasonOf = (r: GateReason): ReasonDto => ({ ...r, eventIds: [...r.eventIds] });

@ApiTags('sales gating: policy')
@Controller('api/v1/sales-gating/what-if')
export class WhatIfHttpController {
  constructor(
    private readonly commands: GateCommands,
    private readonly queries: SalesGatingQueries,
    @Inject(SALES_GATING_HOST) private readonly host: ServiceHost,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'G3, G7: replay the recorded history under a proposed policy, changing nothing: which customers would have been gated differently, when, and what they did afterwards' })
  @ApiOkResponse({ type: WhatIfReportDto })
  @ApiUnprocessableEntityResponse({ description: 'the proposed policy weakens a rule (problem+json lists why)' })
  async run(@Body() body: WhatIfDto): Promise<WhatIfReportDto> {
    const proposed: GatePolicy = { version: body.version, quadrant: { ...body.quadrant }, turnaroundMinNps: body.turnaroundMinNps, pressure: { ...body.pressure }, surveyIntervalDays: body.surveyIntervalDays };
    const problems = policyProblems(proposed);
    if (problems.length > 0) throw new DomainError('rule_violation', 'invalid-policy', problems.join('; '), 'G3', { problems });
    const report = await whatIfReport(this.host.events, this.queries, await this.commands.currentPolicy(), proposed, body.limit ?? 100);
    return { ...report, summary: [...report.summary], items: report.items.map((i) => ({ ...i, inForceReasons: i.inForceReasons.map(reasonOf), proposedReasons: i.proposedReasons.map(reasonOf), afterwards: { ...i.afterwards } })) };
  }
}
