import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { CommandAcceptedDto, CustomerWorkCommand, runCommand } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { EstimateCategorySpendDto } from './estimate-category-spend.dto';

@ApiTags('customers: purchases and points')
@Controller('api/v1/customers')
export class EstimateCategorySpendHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/category-spend')
  @CustomerWorkCommand()
  @ApiOperation({ summary: "Record the customer's estimated yearly spend on a category (C12): the denominator of share of wallet" })
  @ApiUnprocessableEntityResponse({ description: 'C12: another currency' })
  estimate(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: EstimateCategorySpendDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    return runCommand(
      this.commands,
      customerId,
      { type: 'estimate-category-spend', category: body.category, estimatedAnnualSpend: body.estimatedAnnualSpend, currency: body.currency ?? this.commands.policy.wallet.currency },
      this.contexts.fromRequest(request),
    );
  }
}
