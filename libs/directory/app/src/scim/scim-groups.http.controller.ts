import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request, Response } from 'express';
import { ScimGroupDto, ScimListQuery, ScimPatchDto } from './scim.dto';
import { ScimAnswer, scimBase, ScimController, ScimErrorResponse } from './scim-http';
import { ScimGroupsService } from './scim-groups.service';

/** SCIM 2.0 `/Groups` for the identity provider (D3): groups are teams, members the people in them. */
@ScimController('scim')
@Controller('scim/v2/Groups')
export class ScimGroupsHttpController {
  constructor(
    private readonly groups: ScimGroupsService,
    private readonly contexts: CommandContexts,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ScimAnswer()
  @ApiOperation({ summary: 'Provision a team (D1, D3), with members' })
  @ApiCreatedResponse({ description: 'The Group, with meta.location' })
  @ScimErrorResponse(409, 'uniqueness: a group with this displayName exists')
  async create(@Body() body: ScimGroupDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const group = await this.groups.create(body, scimBase(request), this.contexts.fromRequest(request));
    response.location((group['meta'] as { location: string }).location);
    return group;
  }

  @Get()
  @ScimAnswer()
  @ApiOperation({ summary: 'List or find teams: filter=displayName eq "…" (also id); excludedAttributes=members' })
  @ApiOkResponse({ description: 'ListResponse' })
  list(@Query() query: ScimListQuery, @Req() request: Request): Promise<unknown> {
    return this.groups.list(query, scimBase(request));
  }

  @Get(':id')
  @ScimAnswer()
  @ApiOperation({ summary: 'One team as a SCIM Group' })
  @ApiOkResponse({ description: 'The Group' })
  @ScimErrorResponse(404, 'no such Group')
  get(@Param('id') id: string, @Query() query: ScimListQuery, @Req() request: Request): Promise<Record<string, unknown>> {
    return this.groups.get(id, scimBase(request), /\bmembers\b/i.test(query.excludedAttributes ?? ''));
  }

  @Patch(':id')
  @ScimAnswer()
  @ApiOperation({ summary: 'Rename a team or add, remove, replace members (PatchOp)' })
  @ApiOkResponse({ description: 'The Group after the change' })
  @ScimErrorResponse(404, 'no such Group')
  patch(@Param('id') id: string, @Body() body: ScimPatchDto, @Req() request: Request): Promise<Record<string, unknown>> {
    return this.groups.patch(id, body.Operations, body.schemas, scimBase(request), this.contexts.fromRequest(request));
  }
}
