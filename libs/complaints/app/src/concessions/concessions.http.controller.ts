import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { ApproveConcessionDto, GrantConcessionDto } from './concessions.dto';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ConcessionsHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':complaintId/concession-approvals')
  @Roles('manager', 'admin')
  @ComplaintCommand('K6: only a manager approves a concession')
  @ApiOperation({ summary: 'K6: a manager approves a concession up to an amount, before it is granted' })
  approve(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: ApproveConcessionDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    const command = { type: 'approve-concession' as const, approvalId: body.approvalId.toLowerCase(), maxAmount: body.maxAmount, reason: body.reason };
    return runCommand(this.commands, complaintId, command, this.contexts.fromRequest(request, body.reason));
  }

  @Post(':complaintId/concessions')
  @ComplaintCommand()
  @ApiOperation({ summary: 'K6: the owner grants a concession; above the threshold only with a manager\'s approval first' })
  grant(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: GrantConcessionDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    const command = { type: 'grant-concession' as const, concessionId: body.concessionId.toLowerCase(), amount: body.amount, description: body.description, approvalId: body.approvalId?.toLowerCase() ?? null };
    return runCommand(this.commands, complaintId, command, this.contexts.fromRequest(request));
  }
}
