import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { JSON_ROWS_MAX, tooManyRows } from './import-rows';

/** Counts the rows before the validation pipe walks each of them: too many is a 413 naming the cap. */
@Injectable()
export class JsonRowCap implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body = context.switchToHttp().getRequest<Request>().body as { rows?: unknown } | undefined;
    if (Array.isArray(body?.rows) && body.rows.length > JSON_ROWS_MAX) throw tooManyRows(JSON_ROWS_MAX);
    return next.handle();
  }
}
