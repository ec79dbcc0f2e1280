import { Body, Controller, HttpCode, HttpStatus, Param, Patch, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { DirectoryCommands } from '../directory-commands';
import { acceptedOf, DirectoryAcceptedDto } from '../http/directory-dto.helpers';
import { PersonIdPipe } from '../http/person-id.pipe';
import { UpdatePersonDto } from './update-person.dto';

@ApiTags('directory')
@Controller('api/v1/directory/people')
export class UpdatePersonHttpController {
  constructor(
    private readonly commands: DirectoryCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Patch(':personId')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'Change a person (D1): name, e-mail, roles, team, manager' })
  @ApiOkResponse({ type: DirectoryAcceptedDto })
  @ApiBadRequestResponse({ description: 'invalid field (problem+json naming it)' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiNotFoundResponse({ description: 'no such person' })
  @ApiUnprocessableEntityResponse({ description: 'D1: the new manager is not an active person, or the new team is not defined' })
  async update(@Param('personId', PersonIdPipe) personId: string, @Body() body: UpdatePersonDto, @Req() request: Request): Promise<DirectoryAcceptedDto> {
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.email !== undefined ? { email: body.email?.toLowerCase() ?? null } : {}),
      ...(body.roles !== undefined ? { roles: body.roles } : {}),
      ...(body.teamId !== undefined ? { teamId: body.teamId } : {}),
      ...(body.managerId !== undefined ? { managerId: body.managerId } : {}),
    };
    const result = await this.commands.updatePerson(personId, changes, this.contexts.fromRequest(request));
    await this.commands.settled(result.events);
    return acceptedOf(personId, result.events);
  }
}
