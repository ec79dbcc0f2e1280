import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { CustomerCommands } from '../customer-commands';
import { CommandAcceptedDto, runCommand } from '../http/command-accepted.dto';
import { DirectoryCopy } from '../directory-copy/directory-copy';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { AddCollaboratorDto, RemoveCollaboratorQuery } from './manage-collaborators.dto';

@ApiTags('customers: ownership')
@Controller('api/v1/customers')
export class ManageCollaboratorsHttpController {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly contexts: CommandContexts,
    private readonly directory: DirectoryCopy,
  ) {}

  @Post(':customerId/collaborators')
  @HttpCode(HttpStatus.OK)
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: 'Add a collaborator (C3): the owner or a manager; adding one twice changes nothing' })
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiForbiddenResponse({ description: 'C3: not the owner or a manager' })
  @ApiNotFoundResponse({ description: 'no such customer' })
  @ApiUnprocessableEntityResponse({ description: 'C3: the owner cannot be a collaborator; D1: the collaborator is not an active person of the directory' })
  async add(@Param('customerId', CustomerIdPipe) customerId: string, @Body() body: AddCollaboratorDto, @Req() request: Request): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request);
    const collaboratorStanding = await this.directory.effectiveStanding(body.collaboratorId);
    return runCommand(this.commands, customerId, { type: 'add-collaborator', collaboratorId: body.collaboratorId, collaboratorStanding }, context);
  }

  @Delete(':customerId/collaborators/:collaboratorId')
  @Roles('rep', 'manager', 'admin')
  @ApiOperation({ summary: 'Remove a collaborator (C3): the owner, a manager, or the collaborator stepping back' })
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiUnprocessableEntityResponse({ description: 'C3: not a collaborator' })
  remove(
    @Param('customerId', CustomerIdPipe) customerId: string,
    @Param('collaboratorId') collaboratorId: string,
    @Query() query: RemoveCollaboratorQuery,
    @Req() request: Request,
  ): Promise<CommandAcceptedDto> {
    const context = this.contexts.fromRequest(request, query.reason);
    return runCommand(this.commands, customerId, { type: 'remove-collaborator', collaboratorId, reason: query.reason ?? null }, context);
  }
}
