import { kafkaClient } from '@rapport/platform-kafka';
import { TokenService } from '@rapport/platform-nest';
import { buildWorkspace, freePort, mongoUrl, postgresUrl, startNode, startPrivateKafka, until, waitForHttp, type PrivateKafka, type RunningProcess } from '@rapport/platform-testing';
import { randomUUID } from 'node:crypto';
import { ROOT, startCustomersProcess, type CustomersProcess } from './testing/customers-process';
import { spanTree, startOtlpReceiver, type ReceivedSpan } from './testing/otlp-receiver';

const SECRET = 'traces-e2e-secret-of-at-least-32-chars!';
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The samples of one metric in a Prometheus text exposition (`name{a="b",c="d"} 1`). */
function samples(text: string, name: string): Sample[] {
  const line = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\{(.*)\\})? (\\S+)$`);
  return text.split('\n').flatMap((row) => {
    const match = line.exec(row);
    if (!match) return [];
    const labels = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    return [{ labels, value: Number(match[2]) }];
  });
}

/** The samples whose labels include all of `labels`. */
const where = (all: readonly Sample[], labels: Record<string, string>): Sample[] => all.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** A scrape asks the broker for offsets: poll every quarter second, not as fast as `until` would. */
const unhurried = (check: () => Promise<boolean>) => async (): Promise<boolean> => (await check()) || (await new Promise((resolve) => setTimeout(resolve, 250)), false);

const scrape = async (url: string): Promise<string> => {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
};

/**
 * OPS-2: one trace per command across services. A person registered in the directory (HTTP → PostgreSQL) is
 * relayed to rapport.directory.v1 (producer span, W3C context in the record headers) and consumed by the
 * customers service into its directory copy (consumer span → MongoDB), all under the trace of the HTTP request;
 * the relay's send span links back to it. Two processes, a broker of the test's own, spans read from an OTLP
 * receiver of the test's own.
 *
 * OPS-4: afterwards both processes' `/metrics` say what happened: the directory counted the command (accepted) and
 * timed its append to PostgreSQL, its relay is caught up; the customers service consumed the topic to lag 0 with
 * nothing parked on its dead-letter topic — until a malformed record arrives, which is parked and counted there.
 */
describe('OPS-2, OPS-4: a command traced across two services, and counted in both processes\' /metrics', () => {
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

  it('HTTP → event store → relay → Kafka → consumer → read model, one trace, printed; then /metrics of both processes', async () => {
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
    const root = post()!;
    /** Whether `span` hangs (through any number of parents in this trace) under `ancestor`. */
    const under = (span: ReceivedSpan, ancestor: ReceivedSpan): boolean => {
      for (let parent = trace.find((s) => s.spanId === span.parentSpanId); parent; parent = trace.find((s) => s.spanId === parent!.parentSpanId)) {
        if (parent.spanId === ancestor.spanId) return true;
      }
      return false;
    };
    // HTTP server span → the append to PostgreSQL, inside the request.
    expect(trace.some((s) => s.service === 'rapport-directory' && /^pg/.test(s.name) && under(s, root))).toBe(true);
    // → the relay's producer span, under the context the command stored with its event.
    const create = trace.find((s) => s.service === 'rapport-directory' && s.kind === PRODUCER && s.name === 'create rapport.directory.v1');
    expect(create).toBeDefined();
    expect(under(create!, root)).toBe(true);
    // → the consumer span in the other service, child of that producer span → its read-model write (MongoDB).
    const consumer = consumed()!;
    expect(consumer.parentSpanId).toBe(create!.spanId);
    expect(trace.some((s) => s.service === 'rapport-customers' && s.kind === CLIENT && /^update rm_directory_people$/.test(s.name) && under(s, consumer))).toBe(true);
    // The relay's batch span runs outside the request and links back to it.
    expect(receiver.spans.some((s) => s.name.startsWith('send ') && s.links.some((l) => l.traceId === traceId))).toBe(true);

    // OPS-4: the same command in both processes' /metrics.
    const directoryMetrics = await scrape(directory!.url);
    const commands = samples(directoryMetrics, 'rapport_commands_total');
    expect(where(commands, { service: 'directory', command: 'register-person', outcome: 'accepted' }).map((c) => c.value)).toEqual([1]);
    expect(where(commands, { service: 'directory' }).reduce((sum, c) => sum + c.value, 0)).toBe(1);
    const appends = where(samples(directoryMetrics, 'rapport_event_store_append_seconds_count'), { service: 'directory', store: 'postgres', operation: 'append' });
    expect(appends).toHaveLength(1);
    expect(appends[0]!.value).toBeGreaterThanOrEqual(1);
    expect(where(samples(directoryMetrics, 'rapport_event_store_append_seconds_sum'), { service: 'directory', store: 'postgres' })[0]!.value).toBeGreaterThan(0);
    // The relay published the event: it is caught up (its checkpoint may commit a moment after the publish).
    await until(
      unhurried(async () => where(samples(await scrape(directory!.url), 'rapport_processor_lag_events'), { service: 'directory', processor: 'relay' }).some((l) => l.value === 0)),
      20_000,
      'the directory relay at lag 0 in /metrics',
    );

    let customersMetrics = '';
    const directoryTopicLag = (): Sample[] => where(samples(customersMetrics, 'rapport_consumer_lag'), { topic: 'rapport.directory.v1' });
    await until(
      unhurried(async () => {
        customersMetrics = await scrape(customers!.url);
        return directoryTopicLag().some((l) => l.labels['committed'] === 'yes') && directoryTopicLag().every((l) => l.value === 0);
      }),
      20_000,
      'the customers consumer of rapport.directory.v1 at lag 0 on every partition in /metrics',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${customersMetrics.split('\n').filter((l) => l.startsWith('rapport_consumer_lag')).join('\n')}`);
    });
    expect(where(samples(customersMetrics, 'rapport_dead_letter_records'), { topic: 'rapport.directory.v1.dlq' }).map((d) => d.value)).toEqual([0]);
    const [before] = where(samples(customersMetrics, 'rapport_dead_letter_records'), { topic: 'rapport.directory.v1.dlq' });
    // The customers service decided nothing: taking a copy of the directory is a read model, not a command.
    expect(where(samples(customersMetrics, 'rapport_commands_total'), { command: 'register-person' })).toEqual([]);

    // A record that is not a CloudEvent on the directory topic: the customers consumer parks it at once, and the
    // dead-letter depth counts it from the broker's offsets; the group moves past it (lag 0 again).
    const { Producer, stringSerializer } = kafkaClient();
    const producer = new Producer({ clientId: `poison-${namespace}`, bootstrapBrokers: kafka.brokers.split(','), serializers: { headerKey: stringSerializer } });
    try {
      await producer.send({ messages: [{ topic: 'rapport.directory.v1', key: Buffer.from(personId), value: Buffer.from('not a CloudEvent'), headers: {} }] });
    } finally {
      await producer.close();
    }
    let parked = '';
    await until(
      unhurried(async () => {
        parked = await scrape(customers!.url);
        const depth = where(samples(parked, 'rapport_dead_letter_records'), { topic: 'rapport.directory.v1.dlq' });
        const lag = where(samples(parked, 'rapport_consumer_lag'), { topic: 'rapport.directory.v1' });
        return depth.length === 1 && depth[0]!.value === before!.value + 1 && lag.every((l) => l.value === 0);
      }),
      30_000,
      'the malformed record parked on rapport.directory.v1.dlq and counted there',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${parked.split('\n').filter((l) => /^rapport_(consumer_lag|dead_letter_records)/.test(l)).join('\n')}`);
    });
    customersMetrics = parked;

    process.stdout.write(
      `\nOPS-4: /metrics after the command (and one malformed record on the directory topic):\n${[
        ...directoryMetrics.split('\n').filter((l) => /^rapport_(commands_total|event_store_append_seconds_(count|sum)|processor_lag_events)\{service="directory"/.test(l)),
        ...customersMetrics.split('\n').filter((l) => /^rapport_(consumer_lag|dead_letter_records)\{.*rapport\.directory\.v1/.test(l)),
      ].join('\n')}\n`,
    );
  }, 120_000);
});
