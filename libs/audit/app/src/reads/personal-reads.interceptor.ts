import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, type Principal } from '@rapport/platform-nest';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { AUDIT_OPTIONS, type AuditOptions } from '../audit.tokens';
import { ReadLog } from './read-log';

const MAX_IDS = 1_000;

/** The customer ids an answer holds: `id`/`customerId` of the body and of its `items`. */
function idsIn(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const own = ['id', 'customerId'].map((k) => (body as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string');
  const items = (body as { items?: unknown }).items;
  return [...own, ...(Array.isArray(items) ? items.flatMap((item) => idsIn(item)) : [])];
}

/**
 * A6: every successful GET under the personal-data paths is recorded — who, when, which route, which customers
 * — before the answer leaves, so an answer is never sent unrecorded. Default-on by path: a new route under
 * /api/v1/customers is recorded without anyone remembering to mark it.
 */
@Injectable()
export class PersonalReadsInterceptor implements NestInterceptor {
  constructor(
    private readonly log: ReadLog,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (request.method !== 'GET' || !this.options.personalReadPaths.some((p) => request.path.startsWith(p))) return next.handle();
    return next.handle().pipe(mergeMap((body) => from(this.record(request, context.switchToHttp().getResponse<Response>(), body).then(() => body))));
  }

  private async record(request: Request & { principal?: Principal }, response: Response, body: unknown): Promise<void> {
    const principal = request.principal;
    if (!principal) return; // public routes read nothing personal
    const fromPath = typeof request.params['customerId'] === 'string' ? [request.params['customerId'].toLowerCase()] : [];
    const customerIds = [...new Set([...fromPath, ...idsIn(body)])].slice(0, MAX_IDS);
    const query = Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    await this.log.record({
      readerId: principal.id,
      readerRoles: principal.roles ?? [],
      at: this.clock.now().toISOString(),
      method: request.method,
      route: (request.route as { path?: string } | undefined)?.path ?? request.path,
      path: request.path,
      query,
      customerIds,
      status: response.statusCode,
      correlationId: request.header('x-correlation-id') ?? null,
    });
  }
}
