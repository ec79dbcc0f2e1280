import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { loadEnvironment, RapportEnvironment } from '@rapport/platform-nest';
import { loadCustomerPolicy } from '@rapport/customers-app';

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked as Docker Compose would read it:
 * the Go program beside this spec loads it with compose-go, the loader Docker Compose itself uses, and reports
 * what an operator relies on; this spec then checks each Rapport service's environment against the service's
 * own configuration schema (the same validation the service runs at boot).
 */

const root = join(__dirname, '../..');
const dir = join(root, 'tools/compose-check');

interface Report {
  readonly profile: string;
  readonly problems: readonly string[] | null;
  readonly services: Readonly<Record<string, Record<string, string>>> | null;
  readonly images: Readonly<Record<string, string>> | null;
}

/** Builds the checker once per source version (Go modules from the Go module proxy), cached across runs. */
function checker(): string {
  const digest = createHash('sha256')
    .update(readFileSync(join(dir, 'main.go')))
    .update(readFileSync(join(dir, 'go.sum')))
    .digest('hex')
    .slice(0, 12);
  const cache = join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'rapport-engines');
  const binary = join(cache, `compose-check-${digest}`);
  if (!existsSync(binary)) {
    mkdirSync(cache, { recursive: true });
    execFileSync('go', ['build', '-o', binary, '.'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  return binary;
}

function load(profile: string, env: Record<string, string> = {}): Report {
  const out = execFileSync(checker(), [join(root, 'docker-compose.yml'), profile], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: homedir(), ...env },
  });
  const [report] = JSON.parse(out.toString()) as Report[];
  return report!;
}

/** Every variable a Rapport service reads: its validated configuration, its policy, telemetry and Node. */
const known = new Set([
  ...getMetadataStorage()
    .getTargetValidationMetadatas(RapportEnvironment, '', true, false)
    .map((m) => m.propertyName),
  'CUSTOMERS_POLICY',
  'NODE_ENV',
  'LOG_LEVEL',
]);
const isKnown = (name: string): boolean => known.has(name) || name.startsWith('OTEL_');

describe('docker-compose.yml, as Docker Compose loads it', () => {
  beforeAll(() => checker(), 300_000);

  it.each([
    ['the default profile', '', {}],
    ['the kurrentdb profile', 'kurrentdb', { RAPPORT_EVENT_STORE: 'kurrentdb' }],
  ])('OPS-1: under %s it is valid: images pinned, every depends_on waits for a healthcheck, engines on named volumes', (_, profile, env) => {
    const report = load(profile, env);
    expect(report.problems ?? []).toEqual([]);
    expect(Object.keys(report.services ?? {})).not.toHaveLength(0);
  });

  it('OPS-1: PostgreSQL is the default event store; the kurrentdb profile switches the services to KurrentDB', () => {
    const byDefault = load('');
    const kurrent = load('kurrentdb', { RAPPORT_EVENT_STORE: 'kurrentdb' });
    for (const env of Object.values(byDefault.services!)) expect(loadEnvironment(env).eventStoreEngine).toBe('postgres');
    for (const env of Object.values(kurrent.services!)) expect(loadEnvironment(env).eventStoreEngine).toBe('kurrentdb');
    expect(Object.keys(byDefault.images!)).not.toContain('kurrentdb');
    expect(Object.keys(kurrent.images!)).toContain('kurrentdb');
  });

  it.each(['', 'kurrentdb'])('OPS-1: each service environment (profile "%s") satisfies the service\'s own configuration schema', (profile) => {
    const report = load(profile, profile ? { RAPPORT_EVENT_STORE: 'kurrentdb' } : {});
    for (const [service, env] of Object.entries(report.services!)) {
      expect({ service, unknown: Object.keys(env).filter((name) => !isKnown(name)) }).toEqual({ service, unknown: [] });
      const config = loadEnvironment(env);
      expect({ service, mode: config.RAPPORT_MODE, devTokens: config.RAPPORT_DEV_TOKENS, bus: config.busEngine, readModels: config.readModelEngine }).toEqual({
        service,
        mode: 'distributed',
        devTokens: 'false',
        bus: 'kafka',
        readModels: 'mongodb',
      });
      expect(() => loadCustomerPolicy(env)).not.toThrow();
    }
  });

  it('OPS-1: the checker itself refuses what the old file did: an unpinned image, an unconditional depends_on, no volume', () => {
    // The loader reads from a file, so the old shape is checked through the same program on a temporary copy.
    const old = ['services:', '  app:', '    build: .', '    depends_on: [db]', '  db:', '    image: postgres:latest', ''].join('\n');
    const file = join(tmpdir(), `compose-old-${process.pid}.yml`);
    writeFileSync(file, old);
    const out = execFileSync(checker(), [file, ''], { env: { PATH: process.env['PATH'] ?? '', HOME: homedir() } });
    rmSync(file);
    const [report] = JSON.parse(out.toString()) as Report[];
    expect(report!.problems).toEqual(
      expect.arrayContaining([
        'app: no healthcheck',
        'app: depends on db without condition service_healthy',
        'db: image "postgres:latest" is not pinned to a version',
      ]),
    );
  });

  it('OPS-1: the image build context leaves out dependencies, history and local data (the embedded JWT secret lives in data/)', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', '**/node_modules', 'data', 'dist', '.env']));
  });
});
