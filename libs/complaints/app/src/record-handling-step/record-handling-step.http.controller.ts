import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { RecordHandlingStepDto } from './record-handling-step.dto';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class RecordHandlingStepHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':complaintId/steps')
  @ComplaintCommand()
  @ApiOperation({ summary: 'K4: the owner records a handling step (and whether the customer was told)' })
  record(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: RecordHandlingStepDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    return runCommand(this.commands, complaintId, { type: 'record-handling-step', note: body.note, replyToCustomer: body.replyToCustomer, workMinutes: body.workMinutes }, this.contexts.fromRequest(request));
  }
}
