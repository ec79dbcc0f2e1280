import { TokenService } from '@rapport/platform-nest';
import { buildWorkspace, kafkaBrokers, mongoUrl, postgresUrl, waitForHttp } from '@rapport/platform-testing';
import { randomUUID } from 'node:crypto';
import { knownToDirectoryCopy, ROOT, startCustomersProcess, type CustomersProcess, type DistributedEngines } from './testing/customers-process';
import { privateEngine, type EngineName, type PrivateEngine } from './testing/private-engine';

const SECRET = 'engines-away-e2e-secret-of-32-characters';

/** Which engine setting of the service each private engine replaces, and the check `/ready` names it by. */
const CASES: readonly { engine: EngineName; setting: keyof DistributedEngines; check: string }[] = [
  { engine: 'postgres', setting: 'postgresUrl', check: 'engine:postgres' },
  { engine: 'ferretdb', setting: 'mongoUrl', check: 'engine:mongodb' },
  { engine: 'kafka', setting: 'kafkaBrokers', check: 'engine:kafka' },
];

/**
 * OPS-3: an engine that is away when the service starts is waited for, not fatal. The process comes up,
 * `/health` answers, `/ready` says no and names the engine, and once the engine answers the service becomes
 * ready and takes commands — PostgreSQL, the MongoDB wire protocol (FerretDB) and Kafka alike.
 */
describe.each(CASES)('OPS-3: customers service started while $engine is down', ({ engine, setting, check }) => {
  const namespace = `eng_${engine}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  // A rep of this run only: the broker's directory topic may be shared with other suites.
  const rep = `rep-${namespace}`;
  const token = new TokenService(SECRET).issue({ id: rep, roles: ['rep'] });
  let away: PrivateEngine;
  let service: CustomersProcess | undefined;
  let engines: DistributedEngines;

  beforeAll(async () => {
    buildWorkspace(ROOT);
    away = await privateEngine(engine);
    const shared: DistributedEngines = { postgresUrl: await postgresUrl(), mongoUrl: await mongoUrl(), kafkaBrokers: await kafkaBrokers() };
    engines = { ...shared, [setting]: away.url };
    service = await startCustomersProcess(engines, { namespace, jwtSecret: SECRET, waitFor: '/health' });
  }, 180_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    await away?.dispose();
  }, 60_000);

  it(`answers /health, is not ready naming ${check}, and serves once ${engine} is up`, async () => {
    expect((await fetch(`${service!.url}/health`)).status).toBe(200);
    const notReady = await fetch(`${service!.url}/ready`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: Record<string, boolean> }).checks[check]).toBe(false);

    await away.start();
    await waitForHttp(`${service!.url}/ready`, 90_000);
    const ready = (await (await fetch(`${service!.url}/ready`)).json()) as { checks: Record<string, boolean> };
    expect(ready.checks[check]).toBe(true);
    await knownToDirectoryCopy(service!, engines.kafkaBrokers, [rep]);

    const response = await fetch(`${service!.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Patient ${engine}`, email: `patient.${namespace}@example.com` }),
    });
    expect(response.status).toBe(201);
    // The service lived through the outage: the same process answered before and after.
    expect(service!.child.exitCode).toBeNull();
  }, 240_000);
});
