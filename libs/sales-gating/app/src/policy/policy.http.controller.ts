import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Put, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles, ServiceHost } from '@rapport/platform-nest';
import type { Request } from 'express';
import { GateCommands } from '../gate-commands';
import { SalesGatingQueries } from '../sales-gating-queries';
import { SALES_GATING_HOST } from '../sales-gating.tokens';
import { PolicyInForceDto, PolicyPutDto, PutPolicyDto } from './policy.dto';
import { putPolicyAndReEvaluate } from './put-policy';

@ApiTags('sales gating: policy')
@Controller('api/v1/sales-gating/policy')
export class PolicyHttpController {
  constructor(
    private readonly commands: GateCommands,
    private readonly queries: SalesGatingQueries,
    private readonly contexts: CommandContexts,
    @Inject(SALES_GATING_HOST) private readonly host: ServiceHost,
  ) {}

  @Get()
  @Roles('rep', 'manager', 'auditor', 'integrator', 'admin')
  @ApiOperation({ summary: 'The gating policy in force (quadrant cut-offs, turnaround, spacing, snooze limits) and every version put' })
  @ApiOkResponse({ type: PolicyInForceDto })
  async current(): Promise<PolicyInForceDto> {
    const state = await this.commands.policyState();
    return { current: state.current, versions: [...state.versions] };
  }

  @Put()
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'G7: put a new policy version in force; every gate is decided again and each change names the version' })
  @ApiOkResponse({ type: PolicyPutDto })
  @ApiConflictResponse({ description: 'the version was used before' })
  @ApiUnprocessableEntityResponse({ description: 'the policy weakens a rule (problem+json lists why)' })
  put(@Body() body: PutPolicyDto, @Req() request: Request): Promise<PolicyPutDto> {
    const { reason, ...policy } = body;
    const context = this.contexts.fromRequest(request, reason);
    return putPolicyAndReEvaluate(
      this.commands,
      this.queries,
      this.host,
      { version: policy.version, quadrant: { ...policy.quadrant }, turnaroundMinNps: policy.turnaroundMinNps, pressure: { ...policy.pressure }, surveyIntervalDays: policy.surveyIntervalDays },
      reason,
      context,
    );
  }
}
