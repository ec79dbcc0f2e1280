import { TokenService } from '@rapport/platform-nest';
import { KafkaBus } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { buildWorkspace, kafkaBrokers, mongoUrl, postgresUrl, until } from '@rapport/platform-testing';
import { CUSTOMERS_TOPIC, CustomerEventTypes } from '@rapport/customers-contracts';
import { randomUUID } from 'node:crypto';
import { knownToDirectoryCopy, ROOT, startCustomersProcess, type CustomersProcess } from './testing/customers-process';

const SECRET = 'distributed-e2e-secret-of-32-characters!';

/**
 * Distributed mode on real engines: the customers service in its own process with its events in PostgreSQL,
 * its read models in MongoDB-wire FerretDB and its integration events on a real Kafka broker; this test
 * process is the other side of the topic, as another service would be.
 */
describe('customers service in distributed mode (PostgreSQL, FerretDB, Kafka)', () => {
  const namespace = `e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  // A rep of this run only: the broker's directory topic is shared with other suites.
  const rep = `rep-${namespace}`;
  const token = new TokenService(SECRET).issue({ id: rep, roles: ['rep'] });
  let service: CustomersProcess | undefined;
  let consumerBus: KafkaBus | undefined;
  let brokers: string;

  beforeAll(async () => {
    buildWorkspace(ROOT);
    const [pg, mongo, kafka] = await Promise.all([postgresUrl(), mongoUrl(), kafkaBrokers()]);
    brokers = kafka;
    service = await startCustomersProcess({ postgresUrl: pg, mongoUrl: mongo, kafkaBrokers: kafka }, { namespace, jwtSecret: SECRET, waitFor: '/ready' });
    await knownToDirectoryCopy(service, kafka, [rep]);
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
      // Everything is kept and filtered later: an event may arrive before the HTTP answer that names its customer.
      handle: async (message) => void received.push(message),
    });

    const traceId = randomUUID().replace(/-/g, '');
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${service!.url}/api/v1/customers`, {
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
      const card = await fetch(`${service!.url}/api/v1/customers/${customerId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(card.status).toBe(200);
      expect(await card.json()).toMatchObject({ id: customerId, ownerId: rep, email: `d${i}.${namespace}@example.com` });
    }

    const ours = (): IncomingMessage[] =>
      received.filter((m) => m.event.type === CustomerEventTypes.registered && m.event.subject !== undefined && ids.has(m.event.subject));
    await until(() => ours().length === 3, 60_000);
    const registered = ours();
    for (const message of registered) {
      expect(message.key).toBe(message.event.subject);
      expect(message.event).toMatchObject({ specversion: '1.0', source: '/rapport/customers', actorid: rep });
      expect(message.event.traceparent).toContain(traceId);
      expect(message.event.data).toMatchObject({ customerId: message.event.subject, ownerId: rep });
    }
  }, 120_000);
});
