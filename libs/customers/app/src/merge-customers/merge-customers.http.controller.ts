import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { acceptedOf } from '../http/command-accepted.dto';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { MergeAcceptedDto, MergeCustomersDto, UnmergeCustomersDto } from './merge-customers.dto';
import { MergeService } from './merge.service';

@ApiTags('customers: merge')
@Controller('api/v1/customers')
@Roles('manager', 'admin')
@ApiOkResponse({ type: MergeAcceptedDto })
@ApiForbiddenResponse({ description: 'not a manager' })
@ApiNotFoundResponse({ description: 'no such customer' })
export class MergeCustomersHttpController {
  constructor(
    private readonly merges: MergeService,
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':customerId/merge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Merge a duplicate into this customer (C2): the survivor keeps both histories; each differing field\'s winner is chosen explicitly' })
  @ApiConflictResponse({ description: 'C2: one of the records is already merged' })
  @ApiUnprocessableEntityResponse({ description: 'C2: a field winner is missing, or a record merged into itself' })
  async merge(@Param('customerId', CustomerIdPipe) survivorId: string, @Body() body: MergeCustomersDto, @Req() request: Request): Promise<MergeAcceptedDto> {
    const context = this.contexts.fromRequest(request, body.reason);
    const { mergeId, survivor } = await this.merges.merge(
      { survivorId, mergedId: body.mergedCustomerId.toLowerCase(), fieldWinners: body.fieldWinners ?? {}, reason: body.reason },
      context,
    );
    const accepted = acceptedOf(survivorId, survivor.events);
    await this.commands.settled(await this.commands.host.events.headPosition());
    return { ...accepted, mergeId };
  }

  @Post(':customerId/unmerge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Undo a merge (C2): both records come back as they were, with their histories' })
  @ApiUnprocessableEntityResponse({ description: 'C2: that record is not merged into this one' })
  async unmerge(@Param('customerId', CustomerIdPipe) survivorId: string, @Body() body: UnmergeCustomersDto, @Req() request: Request): Promise<MergeAcceptedDto> {
    const context = this.contexts.fromRequest(request, body.reason);
    const { mergeId, survivor } = await this.merges.unmerge(survivorId, body.mergedCustomerId.toLowerCase(), body.reason, context);
    const accepted = acceptedOf(survivorId, survivor.events);
    await this.commands.settled(await this.commands.host.events.headPosition());
    return { ...accepted, mergeId };
  }
}
