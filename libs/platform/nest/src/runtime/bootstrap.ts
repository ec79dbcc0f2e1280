import { Logger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { refuseUnsupportedMethods } from '../http/method-not-allowed';
import { completeDocument } from '../http/openapi';
import { publicOperationsOf } from '../http/public-routes';
import { DEFAULT_BODY_LIMITS, guardRequestBodies } from '../http/request-bodies';
import { correlationMiddleware } from '../logging/correlation.middleware';
import { installRootLogger } from '../logging/logger';
import { useRequestLogging } from '../logging/request-logging';
import type { RapportEnvironment } from './config';

export interface HttpAppInfo {
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

/** OpenAPI at /docs (UI) and /docs-json; like /health and /ready they need no token. */
export function configureHttpApp(app: INestApplication, info: HttpAppInfo, bodyLimit = '10mb'): void {
  app.enableShutdownHooks();
  app.use(correlationMiddleware);
  guardRequestBodies(app as NestExpressApplication, { ...DEFAULT_BODY_LIMITS, json: bodyLimit });
  const document = completeDocument(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion(info.version)
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  ), publicOperationsOf(app));
  refuseUnsupportedMethods(app, document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

export async function startHttpApp(rootModule: Type<unknown> | DynamicModule, env: RapportEnvironment, info: HttpAppInfo): Promise<INestApplication> {
  // Nest's Logger, the platform's processors and the request log all write JSON lines through one pino logger.
  const app = await NestFactory.create(rootModule, { logger: installRootLogger({ service: info.title }) });
  configureHttpApp(app, info, env.HTTP_BODY_LIMIT);
  useRequestLogging(app);
  await app.listen(env.PORT, env.HOST);
  const url = `http://localhost:${env.PORT}`;
  new Logger('rapport').log(`${info.title} listening on ${url} (API docs: ${url}/docs)`);
  return app;
}
