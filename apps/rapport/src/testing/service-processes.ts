import { freePort, startNode, waitForHttp, type RunningProcess } from '@rapport/platform-testing';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');

export type ServiceName = 'customers' | 'scheduler' | 'feedback' | 'complaints' | 'sales-gating';

export interface Engines {
  readonly postgresUrl: string;
  readonly mongoUrl: string;
  readonly kafkaBrokers: string;
}

export interface ServiceProcess extends RunningProcess {
  readonly service: ServiceName;
  readonly url: string;
  /** SIGTERM, then the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/** Loaded before the service by `--require`: moves the process's clock forward (see shifted-clock.js). */
const SHIFTED_CLOCK = resolve(__dirname, 'shifted-clock.js');

/**
 * One built service (`dist/apps/<service>/src/main.js`) in its own process, in distributed mode on the given
 * engines, under a namespace of its own for this run; resolves when `/ready` answers 200. Every process of a run
 * shares the JWT secret (one token works everywhere) and the master key (ADR 9: the data keys of a namespace are
 * wrapped with it). `clockShiftMs` starts the process that much later in time than the wall clock (test only).
 */
export async function startService(
  service: ServiceName,
  engines: Engines,
  options: { readonly namespace: string; readonly jwtSecret: string; readonly clockShiftMs?: number },
): Promise<ServiceProcess> {
  const port = await freePort();
  const shifted = options.clockShiftMs ? { NODE_OPTIONS: `--require ${SHIFTED_CLOCK}`, RAPPORT_TEST_CLOCK_SHIFT_MS: String(options.clockShiftMs) } : {};
  const running = startNode(
    `dist/apps/${service}/src/main.js`,
    {
      RAPPORT_MODE: 'distributed',
      RAPPORT_NAMESPACE: options.namespace,
      POSTGRES_URL: engines.postgresUrl,
      MONGODB_URL: engines.mongoUrl,
      KAFKA_BROKERS: engines.kafkaBrokers,
      KAFKA_CLIENT_ID: `${service}-${options.namespace}`,
      JWT_SECRET: options.jwtSecret,
      RAPPORT_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
      PORT: String(port),
      HOST: '127.0.0.1',
      RAPPORT_DEV_TOKENS: 'false',
      ...shifted,
    },
    ROOT,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/ready`, 90_000).catch((error: Error) => {
    running.child.kill('SIGKILL');
    throw new Error(`${service}: ${error.message}\n${running.output()}`);
  });
  const stop = async (): Promise<void> => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill('SIGTERM');
    const killer = setTimeout(() => running.child.kill('SIGKILL'), 20_000);
    await running.exited;
    clearTimeout(killer);
  };
  return { ...running, service, url, stop };
}
