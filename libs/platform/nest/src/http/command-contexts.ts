import { Inject, Injectable } from '@nestjs/common';
import { uuidv7, type Clock, type CommandContext } from '@rapport/platform-eventsourcing';
import { currentTraceContext } from '@rapport/platform-observability';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/decorators';
import { CLOCK } from '../runtime/tokens';
import { IDEMPOTENCY_KEY, operationOf } from './idempotency.interceptor';
import { RequestValidationError } from './validation';

const HEADER_ID = IDEMPOTENCY_KEY;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Builds the context of a command from an HTTP request: the actor is the authenticated principal, time
 * comes from the injected clock, and `Idempotency-Key` becomes the command id — a client that retries
 * after a timeout gets the original answer instead of a second effect. Whether a repeated key still means
 * the same request is the IdempotencyInterceptor's check, made before any handler runs.
 */
@Injectable()
export class CommandContexts {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  fromRequest(request: Request, reason?: string): CommandContext {
    const principal = (request as unknown as AuthenticatedRequest).principal;
    if (!principal) throw new Error('command context needs an authenticated request');
    const idempotencyKey = header(request, 'idempotency-key');
    if (idempotencyKey !== undefined && !HEADER_ID.test(idempotencyKey)) {
      throw new RequestValidationError([{ field: 'header:Idempotency-Key', messages: ['must be 8-128 characters of A-Z a-z 0-9 . _ : -'] }]);
    }
    const correlationId = header(request, 'x-correlation-id');
    // With tracing on, the HTTP server span is the parent of everything this command causes; without it,
    // the caller's own trace context is recorded as sent.
    const sent = header(request, 'traceparent');
    const { traceparent, tracestate } = currentTraceContext(
      sent && TRACEPARENT.test(sent) ? { traceparent: sent, ...(header(request, 'tracestate') ? { tracestate: header(request, 'tracestate')! } : {}) } : {},
    );
    const now = this.clock.now();
    // A client's key is scoped to the client and the operation (as the IdempotencyInterceptor scopes it), so
    // two clients, or one key sent to two kinds of command, never share a command id.
    const commandId = idempotencyKey ? `${principal.id}/${operationOf(request)}/${idempotencyKey}` : uuidv7(now.getTime());
    return {
      commandId,
      actor: { id: principal.id, kind: principal.kind, roles: principal.roles },
      now,
      correlationId: correlationId && HEADER_ID.test(correlationId) ? correlationId : commandId,
      causationId: commandId,
      via: 'api',
      ...(reason ? { reason } : {}),
      ...(traceparent ? { traceparent } : {}),
      ...(tracestate ? { tracestate } : {}),
    };
  }
}
