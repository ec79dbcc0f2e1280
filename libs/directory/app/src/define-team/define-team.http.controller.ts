import { Body, Controller, HttpCode, HttpStatus, Param, Put, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommandContexts, Roles } from '@rapport/platform-nest';
import { ALWAYS_OPEN, WEEKDAYS, type WeeklyHours } from '@rapport/platform-eventsourcing';
import type { Request } from 'express';
import { DirectoryCommands } from '../directory-commands';
import { acceptedOf, DirectoryAcceptedDto } from '../http/directory-dto.helpers';
import { PersonIdPipe } from '../http/person-id.pipe';
import { DefineTeamDto, type WeeklyHoursDto } from './define-team.dto';

const hoursOf = (dto: WeeklyHoursDto | undefined): WeeklyHours =>
  dto ? (Object.fromEntries(WEEKDAYS.map((d) => [d, (dto[d] ?? []).map((i) => ({ from: i.from, to: i.to }))])) as unknown as WeeklyHours) : ALWAYS_OPEN.hours;

@ApiTags('directory')
@Controller('api/v1/directory/teams')
export class DefineTeamHttpController {
  constructor(
    private readonly commands: DirectoryCommands,
    private readonly contexts: CommandContexts,
  ) {}

  @Put(':teamId')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'Define a team or replace its definition (D1): business hours, IANA time zone, holidays' })
  @ApiOkResponse({ type: DirectoryAcceptedDto })
  @ApiBadRequestResponse({ description: 'invalid field (problem+json naming it)' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiUnprocessableEntityResponse({ description: 'D1: unknown time zone, overlapping or empty hours, impossible dates' })
  async define(@Param('teamId', PersonIdPipe) teamId: string, @Body() body: DefineTeamDto, @Req() request: Request): Promise<DirectoryAcceptedDto> {
    const team = { teamId, name: body.name, timeZone: body.timeZone ?? 'UTC', hours: hoursOf(body.businessHours), holidays: body.holidays ?? [] };
    const result = await this.commands.defineTeam(team, this.contexts.fromRequest(request));
    await this.commands.settled(result.events);
    return acceptedOf(teamId, result.events);
  }
}
