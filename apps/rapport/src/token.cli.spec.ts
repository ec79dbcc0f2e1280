import { jwtSecretOf, loadEnvironment, TokenService } from '@rapport/platform-nest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTokenCommand } from './token-command';

describe('npm run token', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rapport-token-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = (values: Record<string, string> = {}): NodeJS.ProcessEnv => ({ DATA_DIR: dataDir, ...values }) as NodeJS.ProcessEnv;
  const serverTokens = (values: Record<string, string> = {}) => new TokenService(jwtSecretOf(loadEnvironment(env(values))));

  it('D3, SEC-14: --help prints the usage and exits 0 (it used to crash)', () => {
    for (const flag of ['--help', '-h']) {
      const result = runTokenCommand([flag], env());
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: npm run token -- \[options\]$/m);
      expect(result.stdout).toMatch(/--ttl <lifetime>/);
    }
  });

  it('SEC-14: an unknown option is answered with the usage, not a stack trace', () => {
    const result = runTokenCommand(['--subject', 'x'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--subject'/);
    expect(result.stderr).toMatch(/Usage:/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("SEC-14: issues a token that a server on the same DATA_DIR accepts, and one on another DATA_DIR refuses", () => {
    const result = runTokenCommand(['--sub', 'rep-ana', '--roles', 'rep,manager', '--team', 'east'], env());
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(serverTokens().verify(token)).toEqual({ ok: true, principal: { id: 'rep-ana', kind: 'user', roles: ['rep', 'manager'], team: 'east' } });
    expect(result.stderr).toMatch(new RegExp(`signed with the secret in ${dataDir}/\\.jwt-secret`));
    const otherDir = mkdtempSync(join(tmpdir(), 'rapport-token-other-'));
    try {
      expect(new TokenService(jwtSecretOf(loadEnvironment({ DATA_DIR: otherDir } as NodeJS.ProcessEnv))).verify(token)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/another DATA_DIR/),
      });
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('D3: caps lifetimes at 24 h, refusing a longer one with a clear message', () => {
    expect(runTokenCommand(['--ttl', '24h'], env()).code).toBe(0);
    expect(runTokenCommand(['--ttl', '1d'], env()).code).toBe(0);
    for (const ttl of ['25h', '2d', '1441m']) {
      const result = runTokenCommand(['--ttl', ttl], env());
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/live at most 24h/);
    }
    expect(runTokenCommand(['--ttl', 'forever'], env()).stderr).toMatch(/write a number and a unit/);
    expect(runTokenCommand(['--ttl', '0h'], env()).code).toBe(2);
  });

  it('D3: the lifetime asked for is the one in the token', () => {
    const token = runTokenCommand(['--ttl', '30m'], env()).stdout.trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(1_800);
  });

  it('D3: in distributed mode it refuses to run without --allow-distributed, and never asks for engine URLs', () => {
    const distributed = env({ RAPPORT_MODE: 'distributed', JWT_SECRET: 's'.repeat(40) });
    const refused = runTokenCommand([], distributed);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(/--allow-distributed/);
    const allowed = runTokenCommand(['--allow-distributed'], distributed);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).not.toMatch(/POSTGRES_URL|MONGODB_URL|KAFKA_BROKERS/);
    expect(serverTokens({ RAPPORT_MODE: 'distributed', JWT_SECRET: 's'.repeat(40), POSTGRES_URL: 'x', MONGODB_URL: 'x', KAFKA_BROKERS: 'x' }).verify(allowed.stdout.trim())).toMatchObject({
      ok: true,
    });
    expect(runTokenCommand(['--allow-distributed'], env({ RAPPORT_MODE: 'distributed' }))).toMatchObject({ code: 1, stderr: expect.stringMatching(/JWT_SECRET is required/) });
  });

  it('refuses an unknown role, naming the known ones', () => {
    expect(runTokenCommand(['--roles', 'rep,superuser'], env())).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown role\(s\): superuser \(known: rep, manager/) });
  });
});
