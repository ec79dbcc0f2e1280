import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_BASE, titleOf, type ProblemDetails } from './problem-details';

export interface BodyLimits {
  /** Largest JSON body (`10mb`). */
  readonly json: string;
  /** Largest CSV body, for spreadsheet imports (`20mb`). */
  readonly csv: string;
  /** Deepest nesting of a JSON body: no DTO is deeper, and validators recurse. */
  readonly depth: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { json: '10mb', csv: '20mb', depth: 32 };

const JSON_TYPES = ['application/json', 'application/*+json'];
const ACCEPTED = [...JSON_TYPES, 'text/csv'];

const send = (request: Request, response: Response, problem: ProblemDetails): void => {
  response.status(problem.status).type('application/problem+json').json({ ...problem, instance: request.originalUrl });
};

const problem = (status: number, slug: string, detail: string, extensions: Record<string, unknown> = {}): ProblemDetails => ({
  type: `${PROBLEM_BASE}/${slug}`,
  title: titleOf(status),
  status,
  detail,
  ...extensions,
});

const hasBody = (request: Request): boolean =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

/** How deep a parsed JSON value nests, counted without recursion and given up once past the limit. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Bad input never becomes a 5xx or a reset connection. Before any route runs: a body must be JSON (or CSV,
 * for imports) in UTF-8 and uncompressed — anything else, form encoding included, is a 415 naming what is
 * accepted; a body over its limit is a 413 naming the limit (the rest of the upload is read and dropped, so
 * the client gets the answer instead of a reset); malformed or too-deeply nested JSON is a 400.
 */
export function guardRequestBodies(app: NestExpressApplication, limits: BodyLimits = DEFAULT_BODY_LIMITS): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!hasBody(request)) return next();
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      request.resume();
      return send(request, response, problem(415, 'unsupported-content-encoding', `content-encoding "${encoding}" is not accepted; send the body uncompressed`, { accepted: ['identity'] }));
    }
    if (!request.is(ACCEPTED)) {
      request.resume();
      const type = request.headers['content-type'] ?? 'none';
      return send(request, response, problem(415, 'unsupported-media-type', `content-type "${type}" is not accepted; send ${ACCEPTED.join(' or ')}`, { accepted: ACCEPTED }));
    }
    return next();
  });
  app.useBodyParser('json', { limit: limits.json, type: JSON_TYPES });
  app.useBodyParser('text', { limit: limits.csv, type: 'text/csv' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.body !== null && typeof request.body === 'object' && depthExceeds(request.body, limits.depth)) {
      return send(request, response, problem(400, 'body-too-deep', `the JSON body nests deeper than ${limits.depth} levels`, { limit: limits.depth }));
    }
    return next();
  });
  app.use((error: { status?: number; type?: string; limit?: number }, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    // What is left of the upload is read and dropped: the client then reads the answer, not a reset.
    request.resume();
    switch (error.type) {
      case 'entity.too.large': {
        const limit = request.is('text/csv') ? limits.csv : limits.json;
        return send(request, response, problem(413, 'payload-too-large', `the request body exceeds the limit of ${limit}`, { limit }));
      }
      case 'charset.unsupported':
        return send(request, response, problem(415, 'unsupported-charset', 'the body must be UTF-8 (declare charset=utf-8 or none)', { accepted: ['utf-8'] }));
      case 'encoding.unsupported':
        return send(request, response, problem(415, 'unsupported-content-encoding', 'send the body uncompressed', { accepted: ['identity'] }));
      case 'entity.parse.failed':
        return send(request, response, problem(400, 'malformed-body', 'the body is not valid JSON'));
      default: {
        // Anything else that failed while reading the body is the request's fault (aborted, short, mangled).
        const status = error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 400;
        return send(request, response, problem(status, 'unreadable-body', 'the request body could not be read'));
      }
    }
  });
}
