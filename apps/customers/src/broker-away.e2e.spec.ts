import { TokenService } from '@rapport/platform-nest';
import { KafkaBus } from '@rapport/platform-kafka';
import { buildWorkspace, freePort, mongoUrl, postgresUrl, waitForHttp } from '@rapport/platform-testing';
import { CUSTOMERS_TOPIC, CustomerEventTypes } from '@rapport/customers-contracts';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startCustomersProcess, type CustomersProcess } from './testing/customers-process';

const SECRET = 'broker-away-e2e-secret-of-32-characters!';
const run = promisify(execFile);

/**
 * The event store is the outbox: with the broker down the service still takes commands (and says it is not
 * ready), and once a broker answers it creates its topics and publishes everything it missed.
 */
describe('customers service started while Kafka is down', () => {
  const namespace = `away_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const token = new TokenService(SECRET).issue({ id: 'rep-ana', roles: ['rep'] });
  let service: CustomersProcess | undefined;
  let runDir: string;
  let kafkaEnv: NodeJS.ProcessEnv;
  let broker: string;

  beforeAll(async () => {
    buildWorkspace(ROOT);
    runDir = mkdtempSync(join(tmpdir(), 'rapport-away-'));
    const [pg, mongo, kafkaPort, controllerPort] = await Promise.all([postgresUrl(), mongoUrl(), freePort(), freePort()]);
    kafkaEnv = { ...process.env, RAPPORT_ENGINE_RUN: runDir, KAFKA_PORT: String(kafkaPort), KAFKA_CONTROLLER_PORT: String(controllerPort) };
    broker = `127.0.0.1:${kafkaPort}`;
    // Nothing listens on the broker's port yet.
    service = await startCustomersProcess({ postgresUrl: pg, mongoUrl: mongo, kafkaBrokers: broker }, { namespace, jwtSecret: SECRET, waitFor: '/health' });
  }, 180_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    await run(join(ROOT, 'infra/engines/kafka.sh'), ['stop'], { env: kafkaEnv }).catch(() => undefined);
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  }, 60_000);

  it('takes commands without a broker, is not ready, and publishes what it missed once a broker is up', async () => {
    const response = await fetch(`${service!.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Offline Olga', email: `olga.${namespace}@example.com` }),
    });
    expect(response.status).toBe(201);
    const { customerId } = (await response.json()) as { customerId: string };
    const notReady = await fetch(`${service!.url}/ready`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: Record<string, boolean> }).checks['customers/relay']).toBe(false);

    await run(join(ROOT, 'infra/engines/kafka.sh'), ['start'], { env: kafkaEnv });
    await waitForHttp(`${service!.url}/ready`, 90_000);

    const bus = new KafkaBus({ brokers: [broker], clientId: `away-${namespace}` });
    try {
      const received: string[] = [];
      await bus.subscribe({
        groupId: `away-${namespace}`,
        topics: [CUSTOMERS_TOPIC],
        handle: async (message) => {
          if (message.event.type === CustomerEventTypes.registered) received.push(message.event.subject!);
        },
      });
      const deadline = Date.now() + 60_000;
      while (!received.includes(customerId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual([customerId]);
    } finally {
      await bus.close();
    }
  }, 240_000);
});
