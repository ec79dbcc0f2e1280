import { TokenService } from '@rapport/platform-nest';
import { buildWorkspace, freePort, mongoUrl, postgresUrl, startNode, startPrivateKafka, until, waitForHttp, type PrivateKafka, type RunningProcess } from '@rapport/platform-testing';
import { randomUUID } from 'node:crypto';
import { ROOT, startCustomersProcess, type CustomersProcess } from './testing/customers-process';
import { spanTree, startOtlpReceiver, type ReceivedSpan } from './testing/otlp-receiver';

const SECRET = 'traces-e2e-secret-of-at-least-32-chars!';
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * OPS-2: one trace per command across services. A person registered in the directory (HTTP → PostgreSQL) is
 * relayed to rapport.directory.v1 (producer span, W3C context in the record headers) and consumed by the
 * customers service into its directory copy (consumer span → MongoDB), all under the trace of the HTTP request;
 * the relay's send span links back to it. Two processes, a broker of the test's own, spans read from an OTLP
 * receiver of the test's own.
 */
describe('OPS-2: a command traced across two services', () => {
  const namespace = `trace_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new TokenService(SECRET).issue({ id: 'admin-ada', roles: ['admin'] });
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let kafka: PrivateKafka;
  let directory: (RunningProcess & { url: string }) | undefined;
  let customers: CustomersProcess | undefined;

  beforeAll(async () => {
    buildWorkspace(ROOT);
    receiver = await startOtlpReceiver();
    kafka = await startPrivateKafka();
    const [pg, mongo] = await Promise.all([postgresUrl(), mongoUrl()]);
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = receiver.endpoint;
    process.env['OTEL_BSP_SCHEDULE_DELAY'] = '200';
    const port = await freePort();
    directory = {
      ...startNode('dist/apps/directory/src/main.js', {
        RAPPORT_MODE: 'distributed', RAPPORT_NAMESPACE: namespace, POSTGRES_URL: pg, MONGODB_URL: mongo, KAFKA_BROKERS: kafka.brokers,
        KAFKA_CLIENT_ID: `directory-${namespace}`, JWT_SECRET: SECRET, RAPPORT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), PORT: String(port), HOST: '127.0.0.1', RAPPORT_DEV_TOKENS: 'false',
      }, ROOT),
      url: `http://127.0.0.1:${port}`,
    };
    await waitForHttp(`${directory.url}/ready`, 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${directory!.output()}`);
    });
    customers = await startCustomersProcess({ postgresUrl: pg, mongoUrl: mongo, kafkaBrokers: kafka.brokers }, { namespace, jwtSecret: SECRET, waitFor: '/ready' });
  }, 240_000);

  afterAll(async () => {
    for (const service of [customers, directory]) {
      service?.child.kill('SIGTERM');
      await service?.exited;
    }
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    delete process.env['OTEL_BSP_SCHEDULE_DELAY'];
    await kafka?.dispose();
    await receiver?.close();
  }, 60_000);

  it('HTTP → event store → relay → Kafka → consumer → read model, one trace, printed', async () => {
    const personId = `p-${namespace}`;
    const response = await fetch(`${directory!.url}/api/v1/directory/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personId, name: 'Traced Tess', roles: ['rep'] }),
    });
    expect(response.status).toBe(201);

    const post = (): ReceivedSpan | undefined =>
      receiver.spans.find((s) => s.service === 'rapport-directory' && s.kind === 2 && /POST/.test(s.name) && !s.parentSpanId);
    const consumed = (): ReceivedSpan | undefined => {
      const root = post();
      return root && receiver.spans.find((s) => s.traceId === root.traceId && s.service === 'rapport-customers' && s.kind === CONSUMER);
    };
    const readModelWrite = (): boolean => {
      const consumer = consumed();
      // The MongoDB driver's spans (`update rm_directory_people` ...) under the consumer span.
      return !!consumer && receiver.spans.some((s) => s.parentSpanId === consumer.spanId && s.kind === CLIENT && /^update rm_directory_people$/.test(s.name));
    };
    await until(readModelWrite, 60_000, 'the customers consumer span and its MongoDB writes in the request trace').catch((error: Error) => {
      const seen = receiver.spans.map((s) => `${s.traceId.slice(0, 8)} ${s.spanId.slice(0, 6)}<-${s.parentSpanId.slice(0, 6) || 'root  '} ${s.service}: ${s.name} [${s.kind}]`);
      throw new Error(`${error.message}; spans received:\n${seen.join('\n')}`);
    });

    const traceId = post()!.traceId;
    const tree = spanTree(receiver.spans, traceId);
    process.stdout.write(`\nOPS-2: span tree of one command (trace ${traceId}):\n${tree}\n`);

    const trace = receiver.spans.filter((s) => s.traceId === traceId);
    expect(trace.some((s) => s.service === 'rapport-directory' && /^pg/.test(s.name))).toBe(true);
    const create = trace.find((s) => s.service === 'rapport-directory' && s.kind === PRODUCER && s.name === 'create rapport.directory.v1');
    expect(create).toBeDefined();
    expect(consumed()!.parentSpanId).toBe(create!.spanId);
    // The relay's batch span runs outside the request and links back to it.
    expect(receiver.spans.some((s) => s.name.startsWith('send ') && s.links.some((l) => l.traceId === traceId))).toBe(true);
  }, 120_000);
});
