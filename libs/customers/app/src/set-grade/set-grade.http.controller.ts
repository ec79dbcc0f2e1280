import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { CommandAcceptedDto, CustomerWorkCommand, runCommand } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { SetGradeDto } from './set-grade.dto';

@ApiTags('customers: relationship')
@Controller('api/v1/customers')
export class SetGradeHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/grade')
  @CustomerWorkCommand()
  @ApiOperation({ summary: 'Set the prospect grade A–F with a reason (C7); may change the lifecycle stage (C6)' })
  grade(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: SetGradeDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request, body.reason);
    return runCommand(this.commands, customerId, { type: 'set-grade', grade: body.grade, reason: body.reason }, context);
  }
}
