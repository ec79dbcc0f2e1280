import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@rapport/platform-eventsourcing';
import { RequestValidationError } from '@rapport/platform-nest';
import type { Response } from 'express';
import { SCIM, SCIM_CONTENT_TYPE, ScimError, type ScimType } from './scim.schemas';

interface ScimErrorBody {
  readonly schemas: readonly [typeof SCIM.error];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

const DOMAIN_STATUS: Record<DomainError['kind'], [number, ScimType | undefined]> = {
  not_found: [404, undefined],
  conflict: [409, 'uniqueness'],
  // SCIM has no 422: a refused rule is an invalid value, and the detail names the rule.
  rule_violation: [400, 'invalidValue'],
  forbidden: [403, undefined],
};

/** SCIM endpoints answer errors in SCIM's own format (RFC 7644 §3.12), not problem+json. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('scim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toBody(exception);
    host.switchToHttp().getResponse<Response>().status(Number(body.status)).type(SCIM_CONTENT_TYPE).json(body);
  }

  private toBody(exception: unknown): ScimErrorBody {
    const body = (status: number, detail: string, scimType?: ScimType): ScimErrorBody => ({ schemas: [SCIM.error], status: String(status), ...(scimType ? { scimType } : {}), detail });
    if (exception instanceof ScimError) return body(exception.status, exception.detail, exception.scimType);
    if (exception instanceof RequestValidationError) {
      return body(400, exception.fields.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; '), exception.fields.some((f) => f.messages.some((m) => /should not exist/.test(m))) ? 'invalidSyntax' : 'invalidValue');
    }
    if (exception instanceof DomainError) {
      const [status, scimType] = DOMAIN_STATUS[exception.kind];
      return body(status, exception.rule ? `${exception.rule}: ${exception.message}` : exception.message, scimType);
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return body(exception.getStatus(), detail, exception.getStatus() === 400 ? 'invalidSyntax' : undefined);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return body(500, 'internal error');
  }
}
