import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ComplaintCommands } from '../complaint-commands';
import { ComplaintCommandAcceptedDto, ComplaintCommand, runCommand } from '../http/command-accepted.dto';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { AwaitCustomerDto } from './await-customer.dto';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class AwaitCustomerHttpController {
  constructor(
    private readonly commands: ComplaintCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':complaintId/waiting-on-customer')
  @ComplaintCommand()
  @ApiOperation({ summary: 'K3: the owner asks the customer something; the SLA clocks pause until she answers' })
  await(@Param('complaintId', ComplaintIdPipe) complaintId: string, @Body() body: AwaitCustomerDto, @Req() request: Request): Promise<ComplaintCommandAcceptedDto> {
    return runCommand(this.commands, complaintId, { type: 'await-customer', question: body.question }, this.contexts.fromRequest(request));
  }
}
