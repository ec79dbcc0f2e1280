import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { RecordRootCauseDto } from './record-root-cause.dto';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class RecordRootCauseHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':complaintId/root-cause')
  @ComplaintCommand()
  @ApiOperation({ summary: 'K4: the owner records the root cause and the responsible team' })
  record(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: RecordRootCauseDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    const command = { type: 'record-root-cause' as const, kind: body.kind, code: body.code, detail: body.detail, responsibleTeamId: body.responsibleTeamId ?? null };
    return runCommand(this.commands, complaintId, command, this.contexts.fromRequest(request));
  }
}
