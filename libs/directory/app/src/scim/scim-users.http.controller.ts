import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CommandContexts } from '@rapport/platform-nest';
import type { Request, Response } from 'express';
import { ScimListQuery, ScimPatchDto, ScimUserDto } from './scim.dto';
import { ScimAnswer, scimBase, ScimController, ScimErrorResponse } from './scim-http';
import { DEPROVISIONED, ScimUsersService } from './scim-users.service';

/** SCIM 2.0 `/Users` for the identity provider (D3), RFC 7644 §3. */
@ScimController('scim')
@Controller('scim/v2/Users')
export class ScimUsersHttpController {
  constructor(
    private readonly users: ScimUsersService,
    private readonly contexts: CommandContexts,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ScimAnswer()
  @ApiOperation({ summary: 'Provision a person (D1, D3)' })
  @ApiCreatedResponse({ description: 'The User, with meta.location' })
  @ScimErrorResponse(409, 'uniqueness: the userName exists')
  async create(@Body() body: ScimUserDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const user = await this.users.create(body, scimBase(request), this.contexts.fromRequest(request));
    response.location((user['meta'] as { location: string }).location);
    return user;
  }

  @Get()
  @ScimAnswer()
  @ApiOperation({ summary: 'List or find people: filter=userName eq "…" (also externalId, id, active), startIndex, count' })
  @ApiOkResponse({ description: 'ListResponse' })
  list(@Query() query: ScimListQuery, @Req() request: Request): Promise<unknown> {
    return this.users.list(query, scimBase(request));
  }

  @Get(':id')
  @ScimAnswer()
  @ApiOperation({ summary: 'One person as a SCIM User' })
  @ApiOkResponse({ description: 'The User' })
  @ScimErrorResponse(404, 'no such User')
  get(@Param('id') id: string, @Req() request: Request): Promise<Record<string, unknown>> {
    return this.users.get(id, scimBase(request));
  }

  @Patch(':id')
  @ScimAnswer()
  @ApiOperation({ summary: 'Change a person (PatchOp); active=false deactivates them (D2)' })
  @ApiOkResponse({ description: 'The User after the change' })
  @ScimErrorResponse(404, 'no such User')
  patch(@Param('id') id: string, @Body() body: ScimPatchDto, @Req() request: Request): Promise<Record<string, unknown>> {
    return this.users.patch(id, body.Operations, body.schemas, scimBase(request), this.contexts.fromRequest(request));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Deprovision a person: deactivated (D2), never erased' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ScimErrorResponse(404, 'no such User')
  async delete(@Param('id') id: string, @Req() request: Request): Promise<void> {
    await this.users.delete(id, this.contexts.fromRequest(request, DEPROVISIONED));
  }
}
