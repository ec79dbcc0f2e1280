import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { CommandAcceptedDto, runCommand } from '../http/command-accepted.dto';
import { DirectoryCopy } from '../directory-copy/directory-copy';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { TransferOwnershipDto } from './transfer-ownership.dto';

@ApiTags('customers: ownership')
@Controller('api/v1/customers')
export class TransferOwnershipHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
    private readonly directory: DirectoryCopy,
  ) {}

  @Post(':customerId/ownership/transfer')
  @HttpCode(HttpStatus.OK)
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'Transfer ownership (C3): managers only, with a reason; the only way besides a reclaim that ownership changes' })
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiForbiddenResponse({ description: 'C3: not a manager (problem+json)' })
  @ApiNotFoundResponse({ description: 'no such customer' })
  @ApiUnprocessableEntityResponse({ description: 'C3: already the owner; D1: the new owner is not an active person of the directory' })
  async transfer(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: TransferOwnershipDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request, body.reason);
    // D1: the use case reads the directory copy; the decider refuses a new owner who is not an active person.
    const toOwnerStanding = await this.directory.effectiveStanding(body.toOwnerId);
    return runCommand(this.commands, customerId, { type: 'transfer-ownership', toOwnerId: body.toOwnerId, reason: body.reason, toOwnerStanding }, context);
  }
}
