import type { IntegrationEvent } from '@rapport/platform-messaging';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KafkaBus } from './kafka-bus';
import { kafkaBusConfigFromEnv, type KafkaBusConfig } from './kafka-bus.config';
import { describeError } from './kafka-client';
import { grantServiceAccess } from './topic-acls';

const run = promisify(execFile);
const script = join(__dirname, '../../../../infra/engines/kafka.sh');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

const event = (id: string): IntegrationEvent => ({
  specversion: '1.0', id, source: '/rapport/customers', type: 'rapport.customers.customer-registered.v1',
  time: '2026-03-03T10:00:00.000Z', datacontenttype: 'application/json', data: { customerId: 'c-1' },
});

/**
 * OPS-5 (issue 15, item 5): the local broker with KAFKA_SECURE=1 — SCRAM-SHA-512 over TLS, the StandardAuthorizer
 * on, nothing allowed without an ACL. The customers service may write rapport.customers.v1; another client,
 * authenticated but not granted that topic, is refused.
 */
describe('OPS-5: topics locked on a SASL_SSL broker with ACLs', () => {
  jest.setTimeout(180_000);
  const runDir = mkdtempSync(join(tmpdir(), 'rapport-kafka-secure-'));
  let env: NodeJS.ProcessEnv;
  const as = (user: string): KafkaBusConfig => ({
    ...kafkaBusConfigFromEnv(
      { KAFKA_BROKERS: env['BROKERS'], KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: user, KAFKA_SASL_PASSWORD: `${user}-secret`, KAFKA_TLS: '1', KAFKA_TLS_CA_FILE: join(runDir, 'kafka/secure/ca.pem') },
      `secure-${user}`,
    ),
    retries: 0,
  });

  beforeAll(async () => {
    chmodSync(runDir, 0o755);
    const port = await freePort();
    env = { ...process.env, RAPPORT_ENGINE_RUN: runDir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(await freePort()), KAFKA_SECURE: '1', BROKERS: `127.0.0.1:${port}` };
    await run(script, ['start'], { env });
  });

  afterAll(async () => {
    await run(script, ['stop'], { env }).catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  });

  it('lets the owner write its topic and refuses a foreign producer', async () => {
    const admin = new KafkaBus(as('admin'));
    const customers = new KafkaBus(as('customers'));
    const intruder = new KafkaBus(as('intruder'));
    try {
      await admin.ensureTopics([{ name: 'rapport.customers.v1', partitions: 1 }, { name: 'rapport.intruder.v1', partitions: 1 }]);
      await grantServiceAccess(as('admin'), { principal: 'User:customers', writes: ['rapport.customers.v1'], reads: ['rapport.directory.v1'], groups: ['customers-directory-copy'] });
      // The intruder may write a topic of its own: its refusal below is about the topic, not about producing at all.
      await grantServiceAccess(as('admin'), { principal: 'User:intruder', writes: ['rapport.intruder.v1'], reads: [], groups: [] });

      await customers.publish([{ topic: 'rapport.customers.v1', key: 'c-1', event: event('0194b7a2-1c3e-7000-8000-000000000001') }]);
      await intruder.publish([{ topic: 'rapport.intruder.v1', key: 'x', event: event('0194b7a2-1c3e-7000-8000-000000000002') }]);

      const refused = await intruder.publish([{ topic: 'rapport.customers.v1', key: 'c-1', event: event('0194b7a2-1c3e-7000-8000-000000000003') }]).then(
        () => 'accepted',
        (error: unknown) => describeError(error),
      );
      expect(refused).toMatch(/authoriz/i);
    } finally {
      await Promise.all([admin.close(), customers.close(), intruder.close()]);
    }
  });

  it('accepts no client without credentials', async () => {
    const anonymous = new KafkaBus({ brokers: [env['BROKERS']!], clientId: 'secure-anonymous', retries: 0, connection: { connectTimeout: 3_000 } as KafkaBusConfig['connection'] });
    try {
      const outcome = await anonymous.ensureTopics([{ name: 'rapport.customers.v1' }]).then(() => 'accepted', () => 'refused');
      expect(outcome).toBe('refused');
    } finally {
      await anonymous.close();
    }
  });
});
