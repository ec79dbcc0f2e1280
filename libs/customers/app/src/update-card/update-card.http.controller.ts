import { Body, Controller, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts, RequestValidationError } from '@rapport/platform-nest';
import { CARD_FIELDS, normalizeEmail, normalizePhone, type CardFields } from '@rapport/customers-domain';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { acceptedOf, CommandAcceptedDto, CustomerWorkCommand, runCommand } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { CardUpdateService } from './card-update.service';
import { ConfirmCardFieldsDto, UpdateCardDto } from './update-card.dto';

/** The fields present in the body (null clears one), with phone and email normalised (C1). */
function changesOf(body: UpdateCardDto, phoneRegion: string): Partial<CardFields> {
  const changes: Record<string, unknown> = {};
  for (const field of CARD_FIELDS) if (body[field] !== undefined) changes[field] = body[field];
  if (typeof body.phone === 'string') {
    const phone = normalizePhone(body.phone, phoneRegion);
    if (!phone) throw new RequestValidationError([{ field: 'phone', messages: ['phone is not a valid phone number'] }]);
    changes['phone'] = phone;
  }
  if (typeof body.email === 'string') changes['email'] = normalizeEmail(body.email);
  return changes as Partial<CardFields>;
}

@ApiTags('customers: card')
@Controller('api/v1/customers')
export class UpdateCardHttpController {
  constructor(
    private readonly cards: CardUpdateService,
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Patch(':customerId/card')
  @CustomerWorkCommand()
  @ApiOperation({ summary: 'Update card fields (C9): each change is an event and confirms the field; a new phone/email must be free (C1)' })
  @ApiConflictResponse({ description: 'C1: another customer has this phone or email; C2: the record was merged' })
  async update(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: UpdateCardDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const result = await this.cards.update(customerId, changesOf(body, this.commands.policy.phone.defaultRegion), this.contexts.fromRequest(request));
    const accepted = acceptedOf(customerId, result.events);
    await this.commands.settled(accepted.position);
    return accepted;
  }

  @Post(':customerId/card/confirmations')
  @CustomerWorkCommand()
  @ApiOperation({ summary: 'Confirm card fields are still true (C9): they stop showing as stale' })
  confirm(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: ConfirmCardFieldsDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    return runCommand(this.commands, customerId, { type: 'confirm-card-fields', fields: body.fields }, this.contexts.fromRequest(request));
  }
}
