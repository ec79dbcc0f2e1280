import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { DirectoryCommands } from '../directory-commands';
import { acceptedOf, DirectoryAcceptedDto } from '../http/directory-dto.helpers';
import { PersonIdPipe } from '../http/person-id.pipe';
import { ChangePersonStatusDto } from './change-person-status.dto';

@ApiTags('directory')
@Controller('api/v1/directory/people')
export class ChangePersonStatusHttpController {
  constructor(
    private readonly commands: DirectoryCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Post(':personId/deactivation')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'Deactivate a person (D2): their customers become reassignable at once; repeating it changes nothing' })
  @ApiOkResponse({ type: DirectoryAcceptedDto })
  @ApiBadRequestResponse({ description: 'no reason given' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiNotFoundResponse({ description: 'no such person' })
  deactivate(@Param('personId', PersonIdPipe) personId: string, @Body() body: ChangePersonStatusDto, @Req() request: Request): Promise<DirectoryAcceptedDto> {
    return this.change(personId, false, body.reason, request);
  }

  @Post(':personId/reactivation')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'Reactivate a person (D1): they may own and be assigned customers again' })
  @ApiOkResponse({ type: DirectoryAcceptedDto })
  @ApiBadRequestResponse({ description: 'no reason given' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiNotFoundResponse({ description: 'no such person' })
  reactivate(@Param('personId', PersonIdPipe) personId: string, @Body() body: ChangePersonStatusDto, @Req() request: Request): Promise<DirectoryAcceptedDto> {
    return this.change(personId, true, body.reason, request);
  }

  private async change(personId: string, active: boolean, reason: string, request: Request): Promise<DirectoryAcceptedDto> {
    const result = await this.commands.setActive(personId, active, reason, this.contexts.fromRequest(request, reason));
    await this.commands.settled(result.events);
    return acceptedOf(personId, result.events);
  }
}
