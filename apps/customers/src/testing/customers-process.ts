import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { KafkaBus } from '@rapport/platform-kafka';
import { freePort, startNode, until, waitForHttp, type RunningProcess } from '@rapport/platform-testing';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');

export interface DistributedEngines {
  readonly postgresUrl: string;
  readonly mongoUrl: string;
  readonly kafkaBrokers: string;
}

export interface CustomersProcess extends RunningProcess {
  readonly url: string;
}

/**
 * The built customers service (dist/) in its own process, in distributed mode on the given engines, under
 * its own storage namespace; resolves once `waitFor` answers 200 (the output is in the error otherwise).
 */
export async function startCustomersProcess(
  engines: DistributedEngines,
  options: { readonly namespace: string; readonly jwtSecret: string; readonly waitFor: '/health' | '/ready' },
): Promise<CustomersProcess> {
  const port = await freePort();
  const service = startNode(
    'dist/apps/customers/src/main.js',
    {
      RAPPORT_MODE: 'distributed',
      RAPPORT_NAMESPACE: options.namespace,
      POSTGRES_URL: engines.postgresUrl,
      MONGODB_URL: engines.mongoUrl,
      KAFKA_BROKERS: engines.kafkaBrokers,
      KAFKA_CLIENT_ID: `customers-${options.namespace}`,
      JWT_SECRET: options.jwtSecret,
      // A5: distributed mode wraps the customers' data keys with this (ADR 9); fixed, so a restart can read them.
      RAPPORT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      PORT: String(port),
      HOST: '127.0.0.1',
      RAPPORT_DEV_TOKENS: 'false',
      // The service alone, with no directory publishing yet: D1 accepts anyone until the first person arrives.
      DIRECTORY_REQUIRED: 'false',
    },
    ROOT,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${options.waitFor}`, 60_000).catch((error: Error) => {
    service.child.kill('SIGKILL');
    throw new Error(`${error.message}\n${service.output()}`);
  });
  return { ...service, url };
}

/**
 * D1 on a broker shared with other suites: the directory topic holds their people, so the service's copy of
 * the directory is not empty and no longer lets anyone in while bootstrapping. Publishes `repIds` as active
 * reps and waits until the copy has consumed the whole topic (lag 0 on each of its partitions, from /metrics).
 */
export async function knownToDirectoryCopy(service: CustomersProcess, kafkaBrokers: string, repIds: readonly string[]): Promise<void> {
  const bus = new KafkaBus({ brokers: kafkaBrokers.split(','), clientId: `directory-${randomUUID()}` });
  try {
    await bus.ensureTopics([{ name: DIRECTORY_TOPIC }]);
    const changedAt = new Date().toISOString();
    await bus.publish(
      repIds.map((personId) => {
        const data: PersonV1 = { personId, displayName: personId, roles: ['rep'], teamId: null, managerId: null, active: true, changedAt };
        return {
          topic: DIRECTORY_TOPIC,
          key: personId,
          event: { specversion: '1.0' as const, id: randomUUID(), source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: personId, time: changedAt, datacontenttype: 'application/json', data },
        };
      }),
    );
  } finally {
    await bus.close();
  }
  await until(async () => directoryLags(await (await fetch(`${service.url}/metrics`)).text()).every((lag) => lag === 0), 60_000, 'the directory copy to catch up');
}

/** The `rapport_consumer_lag` samples of the directory topic; none (the consumer has not joined yet) counts as behind. */
function directoryLags(metrics: string): number[] {
  const samples = metrics
    .split('\n')
    .filter((line) => line.startsWith('rapport_consumer_lag{') && line.includes(`topic="${DIRECTORY_TOPIC}"`))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  return samples.length === 0 ? [Number.NaN] : samples;
}
