import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { configureHttpApp } from './bootstrap';
import { loadEnvironment } from './config';
import { PlatformModule } from './platform.module';

describe('GET / (the new user\'s first request)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment })] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'index test', description: 'test', version: 'test' });
    await app.init();
  });
  afterAll(async () => app?.close());

  it('SEC-14: answers 200 without a token, with links that lead somewhere and how to authenticate', async () => {
    const index = await request(app.getHttpServer()).get('/').expect(200);
    expect(index.body.links).toEqual({ docs: '/docs', openapi: '/docs-json', health: '/health', ready: '/ready' });
    expect(index.body.authentication).toMatch(/npm run token -- --help/);
    for (const link of Object.values<string>(index.body.links)) await request(app.getHttpServer()).get(link).redirects(1).expect(200);
    const doc = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(doc.body.paths['/']).toHaveProperty('get');
  });

  it('SEC-14: @Public() routes say in OpenAPI that they need no credentials; the others keep the bearer requirement', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().addSecurityRequirements('bearer').build());
    expect(doc.paths['/']!.get!.security).toEqual([]);
    expect(doc.paths['/health']!.get!.security).toEqual([]);
    expect(doc.paths['/admin/projections']!.get!.security).toBeUndefined();
    expect(doc.security).toEqual([{ bearer: [] }]);
  });
});
