import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { AcknowledgeComplaintDto } from './acknowledge-complaint.dto';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class AcknowledgeComplaintHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':complaintId/acknowledgement')
  @ComplaintCommand()
  @ApiOperation({ summary: 'K3: the owner acknowledges the complaint to the customer (meets the acknowledge clock; late is recorded as a breach)' })
  acknowledge(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: AcknowledgeComplaintDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    return runCommand(this.commands, complaintId, { type: 'acknowledge-complaint', message: body.message }, this.contexts.fromRequest(request));
  }
}
