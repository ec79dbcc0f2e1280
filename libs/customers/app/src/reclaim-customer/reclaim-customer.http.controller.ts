import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { acceptedOf, CommandAcceptedDto } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { ReclaimCustomerDto } from './reclaim-customer.dto';
import { ReassignmentService } from './reassignment.service';

@ApiTags('customers: ownership')
@Controller('api/v1/customers')
export class ReclaimCustomerHttpController {
  constructor(
    private readonly reassignment: ReassignmentService,
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/reclaim')
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'Reclaim a neglected customer (C4) and reassign it: to a named rep, the least busy, or by round-robin' })
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiForbiddenResponse({ description: 'not a manager' })
  @ApiNotFoundResponse({ description: 'no such customer' })
  @ApiUnprocessableEntityResponse({ description: 'C4: the owner had a contact within the period, or no candidate' })
  async reclaim(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: ReclaimCustomerDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request, body.reason);
    const result = await this.reassignment.reclaim(customerId, body, context);
    const accepted = acceptedOf(customerId, result.events);
    await this.commands.settled(accepted.position);
    return accepted;
  }
}
