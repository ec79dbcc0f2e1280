import { applyDecorators, Header, UseFilters } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rapport/platform-nest';
import type { Request } from 'express';
import { ScimExceptionFilter } from './scim-exception.filter';
import { SCIM, SCIM_CONTENT_TYPE } from './scim.schemas';

/** The SCIM base URL as the caller reached it, for `meta.location`. */
export const scimBase = (request: Request): string => `${request.protocol}://${request.get('host') ?? 'localhost'}/scim/v2`;

/** What every SCIM controller shares: the identity provider's roles, SCIM errors, the SCIM media type. */
export const ScimController = (tag: string): ClassDecorator =>
  applyDecorators(
    ApiTags(tag),
    Roles('admin', 'integrator'),
    UseFilters(ScimExceptionFilter),
    ApiProduces(SCIM_CONTENT_TYPE),
    ScimErrorResponse(400, 'invalidSyntax, invalidValue, invalidFilter, invalidPath, noTarget, mutability; a refused rule names it in the detail'),
    ScimErrorResponse(401, 'no or an invalid token'),
    ScimErrorResponse(403, 'needs the admin or integrator role'),
  );

/** RFC 7644 §3.12: SCIM endpoints answer errors as SCIM Error messages, so OpenAPI says so (not problem+json). */
export const ScimErrorResponse = (status: number, description: string): MethodDecorator & ClassDecorator =>
  ApiResponse({
    status,
    description: `${description} (SCIM Error)`,
    content: {
      [SCIM_CONTENT_TYPE]: {
        schema: {
          type: 'object',
          required: ['schemas', 'status', 'detail'],
          properties: {
            schemas: { type: 'array', items: { type: 'string', enum: [SCIM.error] } },
            status: { type: 'string', example: String(status) },
            scimType: { type: 'string' },
            detail: { type: 'string' },
          },
        },
      },
    },
  });

export const ScimAnswer = (): MethodDecorator => Header('Content-Type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
