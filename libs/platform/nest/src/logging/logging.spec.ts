import { Controller, Get, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { platformLogger, setPlatformLoggerFactory, withLogContext } from '@rapport/platform-eventsourcing';
import { Writable } from 'node:stream';
import request from 'supertest';
import { Public } from '../auth/decorators';
import { configureHttpApp } from '../runtime/bootstrap';
import { createRootLogger, installRootLogger, platformLoggerOf, PinoLoggerService } from './logger';
import { useRequestLogging } from './request-logging';

/** A pino destination that keeps every line, parsed. */
function capture(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

@Public()
@Controller('echo')
class EchoController {
  private readonly logger = new Logger('echo');
  @Get()
  echo(): { ok: true } {
    this.logger.log('handling echo');
    return { ok: true };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('structured logging (ADR 0008)', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider());
  });

  it("writes Nest's Logger as JSON lines with level, time, context, trace id and correlation id", () => {
    const { stream, lines } = capture();
    Logger.overrideLogger(new PinoLoggerService(createRootLogger({ level: 'info', destination: stream, service: 'test' })));
    const span = trace.getTracer('test').startSpan('work');
    context.with(trace.setSpan(context.active(), span), () =>
      withLogContext({ correlationId: 'corr-12345678' }, () => new Logger('billing').warn('card declined')),
    );
    span.end();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'card declined',
        context: 'billing',
        service: 'test',
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        correlationId: 'corr-12345678',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('takes the trace id from the handled event when no span is active, and keeps the stack of an error', () => {
    const { stream, lines } = capture();
    setPlatformLoggerFactory(platformLoggerOf(createRootLogger({ level: 'info', destination: stream })));
    withLogContext({ correlationId: 'corr-abcdefgh', causationId: 'event-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, () =>
      platformLogger('processor:test').error('batch failed', 'Error: boom\n    at here'),
    );
    expect(lines[0]).toMatchObject({
      level: 'error',
      context: 'processor:test',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      correlationId: 'corr-abcdefgh',
      causationId: 'event-1',
      stack: 'Error: boom\n    at here',
    });
  });

  it('honours the level: below it nothing is written (tests run with warn or silent)', () => {
    const { stream, lines } = capture();
    const logger = new PinoLoggerService(createRootLogger({ level: 'warn', destination: stream }));
    logger.log('chatty', 'ctx');
    logger.error('failed', 'Error: x\n    at y', 'ctx');
    expect(lines.map((l) => [l['level'], l['msg'], l['context']])).toEqual([['error', 'failed', 'ctx']]);
  });

  it("puts the request's X-Correlation-Id on every line the request writes, and answers with it", async () => {
    const { stream, lines } = capture();
    Logger.overrideLogger(new PinoLoggerService(createRootLogger({ level: 'info', destination: stream })));
    const moduleRef = await Test.createTestingModule({ imports: [EchoModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 't', description: 't', version: 't' });
    await app.init();
    Logger.overrideLogger(new PinoLoggerService(createRootLogger({ level: 'info', destination: stream })));
    try {
      const sent = await request(app.getHttpServer()).get('/echo').set('X-Correlation-Id', 'req-corr-0001').expect(200);
      expect(sent.headers['x-correlation-id']).toBe('req-corr-0001');
      const minted = await request(app.getHttpServer()).get('/echo').expect(200);
      const mintedId = minted.headers['x-correlation-id'] as string;
      expect(mintedId).toMatch(/^[0-9a-f-]{36}$/);
      const echoes = lines.filter((l) => l['msg'] === 'handling echo');
      expect(echoes.map((l) => l['correlationId'])).toEqual(['req-corr-0001', mintedId]);
    } finally {
      await app.close();
    }
  });

  it('A5: logs one line per answered request with method, path, status and correlation id, never its credentials or query values (a search term is personal data); probes are quiet', async () => {
    const { stream, lines } = capture();
    installRootLogger({ level: 'info', destination: stream });
    const moduleRef = await Test.createTestingModule({ imports: [EchoModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 't', description: 't', version: 't' });
    useRequestLogging(app);
    await app.init();
    try {
      await request(app.getHttpServer()).get('/echo?q=zelda.quill%40example.com&limit=5').set('X-Correlation-Id', 'req-corr-0002').set('Authorization', 'Bearer secret-token').expect(200);
      await request(app.getHttpServer()).get('/health').expect(404);
      const completed = lines.filter((l) => l['msg'] === 'request completed');
      expect(completed).toEqual([
        expect.objectContaining({ level: 'info', correlationId: 'req-corr-0002', req: { method: 'GET', url: '/echo?q=…&limit=…' }, res: { statusCode: 200 } }),
      ]);
      expect(JSON.stringify(lines)).not.toContain('secret-token');
      expect(JSON.stringify(lines)).not.toMatch(/zelda/i);
    } finally {
      await app.close();
    }
  });
});
