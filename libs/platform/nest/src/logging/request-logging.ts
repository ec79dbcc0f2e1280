import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import { rootLogger } from './logger';

const QUIET = new Set(['/health', '/ready']);

/**
 * The path and the names of its query parameters, never their values: a search sends a name, a phone or an
 * email there (`?q=…`), and a log line must not keep what erasure destroys (A5). Paths carry opaque ids only.
 */
export function withoutQueryValues(url: string | undefined): string | undefined {
  const at = url?.indexOf('?') ?? -1;
  if (url === undefined || at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=…`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/**
 * One line per answered request (method, path, status, duration) through the root logger; probes are not
 * logged. Only method, path and query parameter names are serialized: headers carry credentials, bodies and
 * query values personal data.
 */
export function useRequestLogging(app: INestApplication): void {
  app.use(
    pinoHttp({
      logger: rootLogger(),
      genReqId: (request: IncomingMessage) => String(request.headers['x-correlation-id'] ?? ''),
      autoLogging: { ignore: (request: IncomingMessage) => QUIET.has((request.url ?? '').split('?')[0]!) },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (request: { method?: string; url?: string }) => ({ method: request.method, url: withoutQueryValues(request.url) }),
        res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
      },
      wrapSerializers: false,
    }),
  );
}
