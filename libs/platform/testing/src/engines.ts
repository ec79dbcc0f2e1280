import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './child-process';

/**
 * Where the integration suites find their real engines, in this order:
 *  1. a URL from the environment (POSTGRES_URL, MONGODB_URL, KAFKA_BROKERS, KURRENTDB_URL);
 *  2. testcontainers, when a Docker engine answers (checked with one ping, so machines without one
 *     pay nothing);
 *  3. the local engine scripts of infra/engines (installed if needed, started, url printed).
 * Under `jest`, tools/jest/global-setup.js starts the local engines once per run, in a private run
 * directory on free ports, and exports the URLs, so step 1 normally answers. Step 3 is the fallback
 * for a spec the setup did not foresee: it starts the engine in that same private set (the teardown
 * stops the whole set), or, outside such a run, on the scripts' default ports and leaves it running.
 * KurrentDB has no local script: it is used only when KURRENTDB_URL is set.
 */

export type LocalEngine = 'postgres' | 'ferretdb' | 'kafka';

const ENGINES_DIR = resolve(__dirname, '../../../../infra/engines');
const run = promisify(execFile);
const memo = new Map<string, Promise<string>>();

const once = (key: string, resolveUrl: () => Promise<string>): Promise<string> => {
  let url = memo.get(key);
  if (!url) {
    url = resolveUrl();
    memo.set(key, url);
    url.catch(() => memo.delete(key));
  }
  return url;
};

/** A PostgreSQL connection string (database `rapport`, a superuser: tests create schemas). */
export function postgresUrl(): Promise<string> {
  return once('postgres', async () => {
    if (process.env['POSTGRES_URL']) return process.env['POSTGRES_URL'];
    if (await dockerAvailable()) return (process.env['POSTGRES_URL'] = await postgresContainer());
    return (process.env['POSTGRES_URL'] = await startLocal('postgres'));
  });
}

/** A MongoDB-wire connection string: FerretDB 1.24 locally, MongoDB 7 under testcontainers. */
export function mongoUrl(): Promise<string> {
  return once('mongo', async () => {
    if (process.env['MONGODB_URL']) return process.env['MONGODB_URL'];
    if (await dockerAvailable()) return (process.env['MONGODB_URL'] = await mongoContainer());
    return (process.env['MONGODB_URL'] = await startLocal('ferretdb'));
  });
}

/** Kafka bootstrap servers, comma-separated `host:port`. */
export function kafkaBrokers(): Promise<string> {
  return once('kafka', async () => {
    if (process.env['KAFKA_BROKERS']) return process.env['KAFKA_BROKERS'];
    if (await dockerAvailable()) return (process.env['KAFKA_BROKERS'] = await kafkaContainer());
    return (process.env['KAFKA_BROKERS'] = await startLocal('kafka'));
  });
}

/** KurrentDB cannot be installed here (no package, no Docker): only an explicit URL enables its suite. */
export function kurrentdbUrl(): string | undefined {
  return process.env['KURRENTDB_URL'] || undefined;
}

export const KURRENTDB_SKIPPED = 'KurrentDB: skipped, KURRENTDB_URL not set';

let docker: Promise<boolean> | undefined;

/**
 * True when a Docker engine answers `GET /_ping` within a second. A docker CLI alone is not enough:
 * testcontainers needs the daemon, and probing it through testcontainers' own strategies is slow.
 */
export function dockerAvailable(): Promise<boolean> {
  docker ??= pingDocker();
  return docker;
}

async function pingDocker(): Promise<boolean> {
  if (process.env['RAPPORT_NO_DOCKER'] === '1') return false;
  const host = process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
  const target = host.startsWith('unix://')
    ? { socketPath: host.slice('unix://'.length) }
    : host.startsWith('tcp://')
      ? (() => {
          const url = new URL(host.replace(/^tcp:/, 'http:'));
          return { host: url.hostname, port: Number(url.port || 2375) };
        })()
      : undefined;
  if (!target || ('socketPath' in target && !existsSync(target.socketPath))) return false;
  return new Promise((done) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: 1_000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end();
  });
}

/** `<engine>.sh start`, then `url`, with the inherited environment (the run's private set, if any). */
async function startLocal(engine: LocalEngine): Promise<string> {
  const script = join(ENGINES_DIR, `${engine}.sh`);
  const unlock = await lock(engine);
  try {
    try {
      await run(script, ['start'], { maxBuffer: 16 << 20 });
    } catch (error) {
      // The scripts can report "exited during startup" while the process is in fact coming up
      // (the pid check races the exec); a status probe settles it before we fail.
      const status = await run(script, ['status']).then(() => true, () => false);
      if (!status) {
        const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
        throw new Error(`${engine} could not start (${script} start):\n${stdout}${stderr}`);
      }
    }
    const { stdout } = await run(script, ['url']);
    if (!process.env['RAPPORT_JEST_ENGINES']) {
      console.warn(`${engine}: started by the test harness on the default port; stop it with ${script} stop`);
    }
    return stdout.trim();
  } finally {
    unlock();
  }
}

/** Jest workers may ask for the same engine at once; `mkdir` is the cross-process mutex. */
async function lock(engine: LocalEngine): Promise<() => void> {
  const dir = process.env['RAPPORT_ENGINE_RUN'] ?? '/tmp/rapport-engines';
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `.${engine}.start-lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmdirSync(path);
    } catch {
      // A worker that died holding the lock leaves it behind; a start never takes two minutes warm.
      if (Date.now() - statSafe(path) > 120_000) rmSync(path, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const statSafe = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
};

// Containers live as long as the worker; testcontainers' reaper removes them when it exits.

async function postgresContainer(): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:16-alpine')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'rapport' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/rapport`;
}

async function mongoContainer(): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('mongo:7').withExposedPorts(27017).withWaitStrategy(Wait.forListeningPorts()).start();
  return `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/`;
}

async function kafkaContainer(): Promise<string> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  // The broker must advertise the address clients use, so host and port are chosen before start.
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const port = await freePort();
  await new GenericContainer('apache/kafka:4.0.0')
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return `${host}:${port}`;
}
