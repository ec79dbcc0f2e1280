import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import type { PersonalDataRead, PersonalReadsLog } from './personal-data-read';

const MAX_IDS = 1_000;

/** The customer ids an answer holds: `id`/`customerId` of the body and of its `items`. */
export function customerIdsIn(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const own = ['id', 'customerId'].map((k) => (body as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string');
  const items = (body as { items?: unknown }).items;
  return [...own, ...(Array.isArray(items) ? items.flatMap((item) => customerIdsIn(item)) : [])];
}

/** What a service declares: its name and the path prefixes under which its GETs read personal data. */
export interface PersonalReadRoutes {
  readonly service: string;
  readonly paths: readonly string[];
}

/**
 * A6: every successful GET under one service's personal-data paths is recorded — who, when, which route, which
 * customers — before the answer leaves, so an answer is never sent unrecorded. Default-on by path: a new route under
 * `/api/v1/customers` is recorded without anyone remembering to mark it. One interceptor per declaring service, each
 * for its own paths only, so a read is recorded once however many services the process runs.
 */
export class PersonalReadsInterceptor implements NestInterceptor {
  constructor(
    private readonly routes: PersonalReadRoutes,
    private readonly log: () => Promise<PersonalReadsLog>,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (request.method !== 'GET' || !this.routes.paths.some((p) => request.path.startsWith(p))) return next.handle();
    return next.handle().pipe(mergeMap((body) => from(this.record(request, context.switchToHttp().getResponse<Response>(), body).then(() => body))));
  }

  private async record(request: Request & { principal?: Principal }, response: Response, body: unknown): Promise<void> {
    const principal = request.principal;
    if (!principal) return; // public routes read nothing personal
    const fromPath = typeof request.params['customerId'] === 'string' ? [request.params['customerId'].toLowerCase()] : [];
    const customerIds = [...new Set([...fromPath, ...customerIdsIn(body)])].slice(0, MAX_IDS);
    // The parameters asked with, not their values: a search term is a name, a phone or an email, and this log is
    // append-only — erasing the customer could never take it back out (A5). What was read is in customerIds.
    const query = Object.fromEntries(Object.keys(request.query).map((k) => [k, '…']));
    const read: PersonalDataRead = {
      service: this.routes.service,
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
    };
    await (await this.log()).record(read);
  }
}
