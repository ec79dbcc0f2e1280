import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { DirectoryCopy } from '../directory-copy/directory-copy';
import { TransferComplaintDto } from './transfer-complaint.dto';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class TransferComplaintHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
    private readonly directory: DirectoryCopy,
  ) {}

  @Post(':complaintId/transfer')
  @ComplaintCommand('K2: not the owner, the accountable first receiver or a manager')
  @ApiOperation({ summary: 'K2: hand the work over with a reason; the first receiver stays accountable; the customer is notified' })
  async transfer(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: TransferComplaintDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    const context = this.contexts.fromRequest(request, body.reason);
    const toOwner = await this.directory.standing(body.toOwnerId);
    const toCalendar = await this.directory.calendarOf(toOwner.teamId);
    return runCommand(this.commands, complaintId, { type: 'transfer-complaint', toOwnerId: body.toOwnerId, toOwner, toCalendar, reason: body.reason }, context);
  }
}
