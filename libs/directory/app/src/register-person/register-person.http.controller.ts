import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request, Response } from 'express';
import { DirectoryCommands } from '../directory-commands';
import { acceptedOf, DirectoryAcceptedDto } from '../http/directory-dto.helpers';
import { RegisterPersonDto } from './register-person.dto';

@ApiTags('directory')
@Controller('api/v1/directory/people')
export class RegisterPersonHttpController {
  constructor(
    private readonly commands: DirectoryCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('admin')
  @ApiOperation({ summary: 'Register a person (D1): active, with roles, team and manager' })
  @ApiCreatedResponse({ type: DirectoryAcceptedDto })
  @ApiBadRequestResponse({ description: 'invalid field (problem+json naming it)' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiConflictResponse({ description: 'D1: a person with this id exists' })
  @ApiUnprocessableEntityResponse({ description: 'D1: the manager is not an active person, or the team is not defined' })
  async register(@Body() body: RegisterPersonDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<DirectoryAcceptedDto> {
    const result = await this.commands.registerPerson(
      { personId: body.personId, name: body.name, email: body.email?.toLowerCase() ?? null, roles: body.roles, teamId: body.teamId ?? null, managerId: body.managerId ?? null, externalId: null },
      this.contexts.fromRequest(request),
    );
    await this.commands.settled(result.events);
    response.location(`/api/v1/directory/people/${body.personId}`);
    return acceptedOf(body.personId, result.events);
  }
}
