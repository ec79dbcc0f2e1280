import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { nameBasedUuid } from '@rapport/platform-eventsourcing';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { CommandAcceptedDto, CustomerWorkCommand, runCommand } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { dateOrNull } from '../http/dto-helpers';
import { LogContactDto } from './log-contact.dto';

@ApiTags('customers: contacts')
@Controller('api/v1/customers')
export class LogContactHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/contacts')
  @CustomerWorkCommand()
  @ApiOperation({ summary: 'Log a contact (C5); the owner\'s contact resets the reclaim clock (C4)' })
  @ApiUnprocessableEntityResponse({ description: 'C5: a contact in the future, or a next step due before it' })
  log(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: LogContactDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request);
    return runCommand(
      this.commands,
      customerId,
      {
        type: 'log-contact',
        contactId: nameBasedUuid(`${context.commandId}/contact`),
        channel: body.channel,
        direction: body.direction,
        outcome: body.outcome,
        notes: body.notes ?? null,
        nextStep: body.nextStep ?? null,
        nextStepAt: dateOrNull(body.nextStepAt),
        occurredAt: dateOrNull(body.occurredAt) ?? context.now,
      },
      context,
    );
  }
}
