import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/decorators';
import { CLOCK } from '../runtime/tokens';
import { IdempotencyStore, type StoredResponse } from './idempotency.store';
import { ProblemException } from './problem.exception';
import { RequestValidationError } from './validation';

export const IDEMPOTENCY_STORE = Symbol('rapport:idempotency-store');
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The operation a key is scoped to: method and route pattern (`POST /api/v1/customers/:customerId/contacts`). */
export const operationOf = (request: Request): string => `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys, so the same body sent with its fields in another order is the same request. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * `Idempotency-Key` for every unsafe request of every service, as the IETF draft describes: the key is
 * scoped to the principal and the operation; the first request's path and body are fingerprinted with it;
 * a repeat gets the stored answer with `Idempotent-Replayed: true` without reaching the handler, so a repeat
 * with another body (422) or another path (another customer, 422) can never claim or change anything.
 * Concurrent repeats: in this process they wait for the first and get its answer; one held by another
 * process is a 409 until it finishes. A request that fails binds nothing (its key may be sent again).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: () => Promise<IdempotencyStore>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers['idempotency-key'];
    const principal = (request as unknown as AuthenticatedRequest).principal;
    if (SAFE_METHODS.has(request.method) || key === undefined || !principal) return next.handle();
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new RequestValidationError([{ field: 'header:Idempotency-Key', messages: ['must be 8-128 characters of A-Z a-z 0-9 . _ : -'] }]);
    }
    const id = sha256(`${principal.id}\n${operationOf(request)}\n${key}`);
    const fingerprint = sha256(canonical({ url: request.originalUrl, body: request.body ?? null }));
    return from(this.once(id, fingerprint, context.switchToHttp().getResponse<Response>(), next));
  }

  private async once(id: string, fingerprint: string, response: Response, next: CallHandler): Promise<unknown> {
    for (let earlier = this.running.get(id); earlier; earlier = this.running.get(id)) await earlier.catch(() => undefined);
    const run = this.run(id, fingerprint, response, next);
    this.running.set(id, run);
    try {
      return await run;
    } finally {
      if (this.running.get(id) === run) this.running.delete(id);
    }
  }

  private async run(id: string, fingerprint: string, response: Response, next: CallHandler): Promise<unknown> {
    const store = await this.store();
    const begun = await store.begin(id, fingerprint, this.clock.now());
    switch (begun.kind) {
      case 'mismatch':
        throw new ProblemException(422, 'idempotency-key-reused', 'this Idempotency-Key was sent before with another request (path or body); nothing was changed — use a new key');
      case 'in-flight':
        response.setHeader('Retry-After', '1');
        throw new ProblemException(409, 'idempotency-key-in-flight', 'a request with this Idempotency-Key is still being processed; retry later');
      case 'replay':
        return replay(response, begun.response);
      case 'execute':
        break;
      default: {
        const _exhaustive: never = begun;
        return _exhaustive;
      }
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await store.release(id, begun.position);
      throw error;
    }
    const location = response.getHeader('location');
    await store.finish(id, begun.position, { status: response.statusCode, body: body ?? null, ...(typeof location === 'string' ? { location } : {}) });
    return body;
  }
}

function replay(response: Response, stored: StoredResponse): unknown {
  response.status(stored.status);
  if (stored.location) response.location(stored.location);
  response.setHeader('Idempotent-Replayed', 'true');
  return stored.body;
}
