import { ProjectionRunner, type Document } from '@rapport/platform-eventsourcing';
import { SqliteReadModelStore } from '@rapport/platform-sqlite';
import { ConfiguredStorage, loadEnvironment, TokenService } from '@rapport/platform-nest';
import { buildWorkspace, freePort, startNode, waitForHttp, type RunningProcess } from '@rapport/platform-testing';
import { customerCardProjection, CUSTOMER_CARDS } from '@rapport/customers-app';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SECRET = 'crash-test-secret-with-at-least-32-characters';
const COMMANDS = 1_000;
const KILL_AFTER_ACKNOWLEDGED = 300;
const CONCURRENCY = 16;

const customerIdOf = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/**
 * "A crash loses no acknowledged command": the real runtime, in its own process, is killed with SIGKILL
 * in the middle of a stream of commands, restarted on the same data, and then audited.
 */
describe('crash recovery of the embedded runtime', () => {
  let dataDir: string;
  let port: number;
  let runtime: RunningProcess | undefined;
  const token = new TokenService(SECRET).issue({ id: 'rep-ana', roles: ['rep'] });

  const start = async (): Promise<RunningProcess> => {
    const running = startNode(
      'dist/apps/rapport/src/main.js',
      { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: SECRET, RAPPORT_DEV_TOKENS: 'false' },
      ROOT,
    );
    await waitForHttp(`http://127.0.0.1:${port}/health`).catch((error: Error) => {
      throw new Error(`${error.message}\n${running.output()}`);
    });
    return running;
  };

  const register = (i: number): Promise<Response> =>
    fetch(`http://127.0.0.1:${port}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `crash-test-${i}` },
      body: JSON.stringify({ customerId: customerIdOf(i), name: `Customer ${i}` }),
    });

  beforeAll(async () => {
    // The test runs the real build output, so make sure it is current.
    buildWorkspace(ROOT);
    dataDir = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
    port = await freePort();
  }, 120_000);

  afterAll(async () => {
    runtime?.child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('SIGKILL in the middle of 1,000 commands: every acknowledged command is stored exactly once, and the read model equals a rebuild', async () => {
    runtime = await start();
    const acknowledged = new Set<number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < COMMANDS) {
        const i = next++;
        try {
          const response = await register(i);
          if (response.status === 201) acknowledged.add(i);
          if (acknowledged.size === KILL_AFTER_ACKNOWLEDGED) runtime!.child.kill('SIGKILL');
        } catch {
          // the process died with this request in flight: not acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(await runtime.exited).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(acknowledged.size).toBeLessThan(COMMANDS);

    // Restart on the same data; the client retries everything that was not acknowledged, with the same keys.
    runtime = await start();
    for (let i = 0; i < COMMANDS; i++) {
      if (acknowledged.has(i)) continue;
      const response = await register(i);
      expect(response.status).toBe(201);
    }
    // Retrying an acknowledged command must not register it again either.
    for (const i of [...acknowledged].slice(0, 20)) expect((await register(i)).headers.get('idempotent-replayed')).toBe('true');
    await waitForHttp(`http://127.0.0.1:${port}/ready`);
    runtime.child.kill('SIGTERM');
    await runtime.exited;
    runtime = undefined;

    // Through the platform's storage, as the runtime reads it: personal fields are sealed in the file (A5, ADR 9).
    const storage = new ConfiguredStorage(loadEnvironment({ DATA_DIR: dataDir, RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv));
    const events = await storage.eventStore('customers');
    const live = SqliteReadModelStore.open(join(dataDir, 'customers.read.sqlite'));
    const rebuilt = SqliteReadModelStore.open(':memory:');
    try {
      const all = await events.readAll({ after: 0, maxCount: 1_000_000 });
      const registrations = all.filter((e) => e.type === 'customers.customer-registered.v1');
      const perCustomer = new Map<string, number>();
      for (const e of registrations) perCustomer.set(e.metadata.streamId, (perCustomer.get(e.metadata.streamId) ?? 0) + 1);
      for (const i of acknowledged) expect(perCustomer.get(`customer-${customerIdOf(i)}`)).toBe(1);
      expect(perCustomer.size).toBe(COMMANDS);
      expect([...perCustomer.values()].every((n) => n === 1)).toBe(true);

      await new ProjectionRunner(events, rebuilt, customerCardProjection).catchUp();
      const sorted = { orderBy: [{ field: 'id' }] } as const;
      const liveCards = await live.find<Document>(CUSTOMER_CARDS, sorted);
      expect(liveCards).toHaveLength(COMMANDS);
      expect(liveCards).toEqual(await rebuilt.find<Document>(CUSTOMER_CARDS, sorted));
    } finally {
      await storage.close();
      await live.close();
      await rebuilt.close();
    }
  }, 180_000);
});
