import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './child-process';

const run = promisify(execFile);
const script = join(__dirname, '../../../../infra/engines/kafka.sh');

/** A Kafka broker of one test's own, which it may stop and start without disturbing suites running beside it. */
export interface PrivateKafka {
  readonly brokers: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** Starts a broker with `infra/engines/kafka.sh` on free ports in a private run directory (needs only Java). */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const runDir = mkdtempSync(join(tmpdir(), 'rapport-kafka-'));
  const env = { ...process.env, RAPPORT_ENGINE_RUN: runDir, KAFKA_PORT: String(await freePort()), KAFKA_CONTROLLER_PORT: String(await freePort()) };
  const kafkaSh = async (command: 'start' | 'stop'): Promise<void> => void (await run(script, [command], { env }));
  await kafkaSh('start');
  return {
    brokers: `127.0.0.1:${env.KAFKA_PORT}`,
    stop: () => kafkaSh('stop'),
    start: () => kafkaSh('start'),
    dispose: async () => {
      await kafkaSh('stop').catch(() => undefined);
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
