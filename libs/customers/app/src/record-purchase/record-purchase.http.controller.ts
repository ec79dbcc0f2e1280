import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { nameBasedUuid } from '@rapport/platform-eventsourcing';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { CommandAcceptedDto, runCommand } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { dateOrNull } from '../http/dto-helpers';
import { RecordPurchaseDto } from './record-purchase.dto';

@ApiTags('customers: purchases and points')
@Controller('api/v1/customers')
export class RecordPurchaseHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/purchases')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'admin', 'integrator')
  @ApiOperation({ summary: 'Record a purchase (C8, C12): earns points, may change tier, stage and share of wallet; order systems may call it as integrators' })
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiForbiddenResponse({ description: 'C3: not the owner, a collaborator, a manager or an integrator' })
  @ApiNotFoundResponse({ description: 'no such customer' })
  @ApiConflictResponse({ description: 'C8: this purchase id is already recorded' })
  @ApiUnprocessableEntityResponse({ description: 'C12: another currency; C8: a purchase in the future' })
  record(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: RecordPurchaseDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request);
    return runCommand(
      this.commands,
      customerId,
      {
        type: 'record-purchase',
        purchaseId: body.purchaseId ?? nameBasedUuid(`${context.commandId}/purchase`),
        amount: body.amount,
        currency: body.currency ?? this.commands.policy.wallet.currency,
        category: body.category,
        occurredAt: dateOrNull(body.occurredAt) ?? context.now,
      },
      context,
    );
  }
}
