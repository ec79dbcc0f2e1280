import { freePort, startNode, waitForHttp, type RunningProcess } from '@rapport/platform-testing';
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
