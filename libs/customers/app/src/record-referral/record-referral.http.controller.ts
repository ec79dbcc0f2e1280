import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { acceptedOf, CommandAcceptedDto } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { RecordReferralDto } from './record-referral.dto';
import { ReferralService } from './referral.service';

@ApiTags('customers: purchases and points')
@Controller('api/v1/customers')
export class RecordReferralHttpController {
  constructor(
    private readonly referrals: ReferralService,
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/referrer')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({
    summary: 'Record who referred this customer (C10); their first purchase earns the referrer points (C8)',
  })
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiForbiddenResponse({ description: 'C3: not the owner, a collaborator or a manager of the referred customer' })
  @ApiNotFoundResponse({ description: 'no such customer' })
  @ApiConflictResponse({ description: 'C10: another referrer is already recorded' })
  @ApiUnprocessableEntityResponse({ description: 'C10: self-referral, or the referrer is not a customer' })
  async record(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: RecordReferralDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const result = await this.referrals.record(customerId, body.referrerId.toLowerCase(), this.contexts.fromRequest(request));
    const accepted = acceptedOf(customerId, result.events);
    await this.commands.settled(accepted.position);
    return accepted;
  }
}
