import { applyDecorators, Header, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ScimExceptionFilter } from './scim-exception.filter';
import { SCIM_CONTENT_TYPE } from './scim.schemas';

/** The SCIM base URL as the caller reached it, for `meta.location`. */
export const scimBase = (request: Request): string => `${request.protocol}://${request.get('host') ?? 'localhost'}/scim/v2`;

/** What every SCIM controller shares: the identity provider's roles, SCIM errors, the SCIM media type. */
export const ScimController = (tag: string): ClassDecorator =>
  applyDecorators(
    ApiTags(tag),
    Roles('admin', 'integrator'),
    UseFilters(ScimExceptionFilter),
    ApiProduces(SCIM_CONTENT_TYPE),
    ApiUnauthorizedResponse({ description: 'no or an invalid token (SCIM Error)' }),
    ApiForbiddenResponse({ description: 'needs the admin or integrator role (SCIM Error)' }),
    ApiBadRequestResponse({ description: 'invalidSyntax, invalidValue, invalidFilter, invalidPath, noTarget, mutability (SCIM Error)' }),
  );

export const ScimAnswer = (): MethodDecorator => Header('Content-Type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
