import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { ProposeResolutionDto } from './propose-resolution.dto';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ProposeResolutionHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':complaintId/resolution')
  @ComplaintCommand()
  @ApiOperation({ summary: 'K5: the owner proposes a resolution (meets the resolve clock); only the customer closes it' })
  propose(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: ProposeResolutionDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    return runCommand(this.commands, complaintId, { type: 'propose-resolution', resolution: body.resolution }, this.contexts.fromRequest(request));
  }
}
