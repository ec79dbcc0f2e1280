import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import { withoutQueryValues } from '@rapport/platform-observability';
import { rootLogger } from './logger';

const QUIET = new Set(['/health', '/ready']);

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
