import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, EventStoreUnavailableError } from '@rapport/platform-eventsourcing';
import type { Request, Response } from 'express';
import { PROBLEM_BASE, problemOfDomainError, titleOf, type ProblemDetails } from './problem-details';
import { ProblemException } from './problem.exception';
import { RequestValidationError } from './validation';

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  503: 'unavailable',
};

/** Every error leaves as `application/problem+json` (RFC 9457); internals never leak into a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const problem = { ...this.toProblem(exception), instance: request.originalUrl };
    http.getResponse<Response>().status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) return problemOfDomainError(exception);
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof RequestValidationError) {
      return {
        type: `${PROBLEM_BASE}/validation-error`,
        title: 'Invalid request',
        status: 400,
        detail: `invalid field(s): ${exception.fields.map((f) => f.field).join(', ')}`,
        errors: exception.fields,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return {
        type: `${PROBLEM_BASE}/${SLUGS[status] ?? 'http-error'}`,
        title: titleOf(status),
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
      };
    }
    if (exception instanceof EventStoreUnavailableError) {
      // An engine that is away (at boot, or restarting) is the client's cue to retry, not a fault of ours.
      this.logger.warn(`storage unavailable: ${exception.message}`);
      return { type: `${PROBLEM_BASE}/unavailable`, title: titleOf(503), status: 503, detail: 'a storage engine is not reachable right now; retry later' };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { type: `${PROBLEM_BASE}/internal-error`, title: titleOf(500), status: 500, detail: 'an unexpected error occurred' };
  }
}
