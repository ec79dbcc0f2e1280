import { TokenService } from '@rapport/platform-nest';
import { KafkaBus } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { freePort, kafkaBrokers, mongoUrl, postgresUrl, startNode, waitForHttp, type RunningProcess } from '@rapport/platform-testing';
import { CUSTOMERS_TOPIC, CustomerEventTypes } from '@rapport/customers-contracts';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SECRET = 'distributed-e2e-secret-of-32-characters!';

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * Distributed mode on real engines: the customers service in its own process with its events in PostgreSQL,
 * its read models in MongoDB-wire FerretDB and its integration events on a real Kafka broker; this test
 * process is the other side of the topic, as another service would be.
 */
describe('customers service in distributed mode (PostgreSQL, FerretDB, Kafka)', () => {
  const namespace = `e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const token = new TokenService(SECRET).issue({ id: 'rep-ana', roles: ['rep'] });
  let service: RunningProcess | undefined;
  let consumerBus: KafkaBus | undefined;
  let port: number;
  let brokers: string;

  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    const [pg, mongo, kafka] = await Promise.all([postgresUrl(), mongoUrl(), kafkaBrokers()]);
    brokers = kafka;
    port = await freePort();
    service = startNode(
      'dist/apps/customers/src/main.js',
      {
        RAPPORT_MODE: 'distributed',
        RAPPORT_NAMESPACE: namespace,
        POSTGRES_URL: pg,
        MONGODB_URL: mongo,
        KAFKA_BROKERS: kafka,
        KAFKA_CLIENT_ID: `customers-${namespace}`,
        JWT_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        RAPPORT_DEV_TOKENS: 'false',
      },
      ROOT,
    );
    await waitForHttp(`http://127.0.0.1:${port}/ready`, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${service!.output()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await consumerBus?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
  });

  it('C1/C3: a registration is stored in PostgreSQL, readable from the FerretDB read model, and published on Kafka as a CloudEvent with its trace', async () => {
    const received: IncomingMessage[] = [];
    const ids = new Set<string>();
    consumerBus = new KafkaBus({ brokers: brokers.split(','), clientId: `e2e-consumer-${namespace}` });
    await consumerBus.subscribe({
      groupId: `e2e-${namespace}`,
      topics: [CUSTOMERS_TOPIC],
      handle: async (message) => {
        if (message.event.subject && ids.has(message.event.subject)) received.push(message);
      },
    });

    const traceId = randomUUID().replace(/-/g, '');
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/customers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          traceparent: `00-${traceId}-${'0'.repeat(15)}${i + 1}-01`,
        },
        body: JSON.stringify({ name: `Distributed Customer ${i}`, email: `d${i}.${namespace}@example.com` }),
      });
      expect(response.status).toBe(201);
      const { customerId } = (await response.json()) as { customerId: string };
      ids.add(customerId);
      const card = await fetch(`http://127.0.0.1:${port}/api/v1/customers/${customerId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(card.status).toBe(200);
      expect(await card.json()).toMatchObject({ id: customerId, ownerId: 'rep-ana', email: `d${i}.${namespace}@example.com` });
    }

    await until(() => received.filter((m) => m.event.type === CustomerEventTypes.registered).length === 3);
    const registered = received.filter((m) => m.event.type === CustomerEventTypes.registered);
    for (const message of registered) {
      expect(message.key).toBe(message.event.subject);
      expect(message.event).toMatchObject({ specversion: '1.0', source: '/rapport/customers', actorid: 'rep-ana' });
      expect(message.event.traceparent).toContain(traceId);
      expect(message.event.data).toMatchObject({ customerId: message.event.subject, ownerId: 'rep-ana' });
    }
  }, 120_000);
});
