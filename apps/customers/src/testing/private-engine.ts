import { freePort } from '@rapport/platform-testing';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './customers-process';

const run = promisify(execFile);

export type EngineName = 'postgres' | 'ferretdb' | 'kafka';

/** An engine of one test's own (infra/engines/<engine>.sh in a private run directory, free ports), not yet started. */
export interface PrivateEngine {
  readonly url: string;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function privateEngine(engine: EngineName): Promise<PrivateEngine> {
  const runDir = mkdtempSync(join(tmpdir(), `rapport-${engine}-`));
  // PostgreSQL runs as its own OS user when the tests run as root: it must reach its data directory.
  chmodSync(runDir, 0o755);
  const port = await freePort();
  const ports: Record<EngineName, NodeJS.ProcessEnv> = {
    postgres: { PG_PORT: String(port) },
    ferretdb: { FERRETDB_PORT: String(port) },
    kafka: { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(await freePort()) },
  };
  const urls: Record<EngineName, string> = {
    postgres: `postgres://postgres@127.0.0.1:${port}/rapport`,
    ferretdb: `mongodb://127.0.0.1:${port}/`,
    kafka: `127.0.0.1:${port}`,
  };
  const env = { ...process.env, RAPPORT_ENGINE_RUN: runDir, ...ports[engine] };
  const script = join(ROOT, `infra/engines/${engine}.sh`);
  const sh = async (command: 'start' | 'stop'): Promise<void> => void (await run(script, [command], { env }));
  return {
    url: urls[engine],
    start: () => sh('start'),
    dispose: async () => {
      await sh('stop').catch(() => undefined);
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
