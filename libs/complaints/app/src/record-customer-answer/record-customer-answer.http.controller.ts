import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { ConfirmResolutionDto, CustomerReplyDto, RejectResolutionDto } from './record-customer-answer.dto';

const WHO = 'K5: not the owner, the accountable first receiver or a manager';

/** The customer's word, heard by a rep (integrators send it on the intake topic). */
@ApiTags('complaints')
@Controller('api/v1/complaints')
export class RecordCustomerAnswerHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':complaintId/customer-reply')
  @ComplaintCommand(WHO)
  @ApiOperation({ summary: 'K3: the customer answered; the SLA clocks resume with the business time left' })
  reply(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: CustomerReplyDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    return runCommand(this.commands, complaintId, { type: 'record-customer-reply', summary: body.summary }, this.contexts.fromRequest(request));
  }

  @Post(':complaintId/resolution/confirmation')
  @ComplaintCommand(WHO)
  @ApiOperation({ summary: 'K5: the customer confirms the proposed resolution — the only way a complaint closes' })
  confirm(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: ConfirmResolutionDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    return runCommand(this.commands, complaintId, { type: 'confirm-resolution', satisfaction: body.satisfaction ?? null, comment: body.comment ?? '' }, this.contexts.fromRequest(request));
  }

  @Post(':complaintId/resolution/rejection')
  @ComplaintCommand(WHO)
  @ApiOperation({ summary: 'K5: the customer rejects it; the complaint reopens with the same owner' })
  reject(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: RejectResolutionDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    return runCommand(this.commands, complaintId, { type: 'reject-resolution', reason: body.reason }, this.contexts.fromRequest(request, body.reason));
  }
}
