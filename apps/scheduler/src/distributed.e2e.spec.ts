import { KafkaBus } from '@rapport/platform-kafka';
import type { IncomingMessage } from '@rapport/platform-messaging';
import { buildWorkspace, freePort, kafkaBrokers, mongoUrl, postgresUrl, startNode, until, waitForHttp, type RunningProcess } from '@rapport/platform-testing';
import { SCHEDULER_SOURCE, SCHEDULER_TOPIC, SchedulerEventTypes, type TimerRequestedV1 } from '@rapport/scheduler-contracts';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * The scheduler in its own process in distributed mode — PostgreSQL events, MongoDB-wire read models (FerretDB),
 * Kafka — as docker-compose runs it: it comes up ready (its reactors wait for the engines to connect instead of
 * failing the start-up) and a timer asked for over the topic fires its delivery on the owner's topic.
 */
describe('scheduler service, distributed (PostgreSQL, FerretDB, Kafka)', () => {
  const namespace = `sched_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const deliveries = `rapport.e2e-${namespace}.v1`;
  let service: RunningProcess | undefined;
  let bus: KafkaBus | undefined;
  let url = '';

  beforeAll(async () => {
    buildWorkspace(ROOT);
    const brokers = await kafkaBrokers();
    const port = await freePort();
    service = startNode(
      'dist/apps/scheduler/src/main.js',
      {
        RAPPORT_MODE: 'distributed',
        RAPPORT_NAMESPACE: namespace,
        POSTGRES_URL: await postgresUrl(),
        MONGODB_URL: await mongoUrl(),
        KAFKA_BROKERS: brokers,
        KAFKA_CLIENT_ID: `scheduler-${namespace}`,
        JWT_SECRET: 'scheduler-distributed-e2e-secret-32-chars',
        RAPPORT_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
        PORT: String(port),
        HOST: '127.0.0.1',
        RAPPORT_DEV_TOKENS: 'false',
      },
      ROOT,
    );
    url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/ready`, 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${service!.output()}`);
    });
    bus = new KafkaBus({ brokers: brokers.split(','), clientId: `e2e-${namespace}` });
    await bus.ensureTopics([{ name: deliveries, partitions: 1 }]);
  }, 180_000);

  afterAll(async () => {
    await bus?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
  }, 60_000);

  it('S3: comes up ready on network engines, and a timer requested over the topic delivers on the owner\'s topic once due', async () => {
    const received: IncomingMessage[] = [];
    const consumer = await bus!.subscribe({ groupId: `e2e-${namespace}`, topics: [deliveries], handle: async (m) => void received.push(m) });
    try {
      const request: TimerRequestedV1 = {
        timerId: `e2e-${namespace}`,
        ownerService: 'e2e',
        dueAt: new Date(Date.now() - 1_000).toISOString(),
        deliver: { topic: deliveries, type: 'rapport.e2e.ping.v1', data: { namespace } },
      };
      await bus!.publish([
        {
          topic: SCHEDULER_TOPIC,
          key: request.timerId,
          event: {
            specversion: '1.0',
            id: randomUUID(),
            source: SCHEDULER_SOURCE,
            type: SchedulerEventTypes.timerRequested,
            subject: request.timerId,
            time: new Date().toISOString(),
            datacontenttype: 'application/json',
            data: request,
          },
        },
      ]);
      await until(() => received.length > 0, 60_000);
      expect(received[0]!.event).toMatchObject({ type: 'rapport.e2e.ping.v1', subject: request.timerId, data: { namespace } });
      expect(service!.child.exitCode).toBeNull();
    } finally {
      await consumer.stop();
    }
  }, 120_000);
});
