import { uuidv7, withLogContext } from '@rapport/platform-eventsourcing';
import type { NextFunction, Request, Response } from 'express';

export const CORRELATION_HEADER = 'x-correlation-id';
const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Every request gets a correlation id: the caller's `X-Correlation-Id` when valid, else a new one, which is
 * put on the request (so the command context records the same id on its events) and echoed in the answer.
 * Everything the request logs, however deep, carries it.
 */
export function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const sent = request.headers[CORRELATION_HEADER];
  const correlationId = typeof sent === 'string' && VALID.test(sent) ? sent : uuidv7();
  request.headers[CORRELATION_HEADER] = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  withLogContext({ correlationId }, next);
}
