import { ConfigurationError, loadEnvironment } from './config';
import { apiKeysOf, jwtSecretOf } from './secrets';
import { hashApiKey, TokenService } from '../auth/token.service';

const env = (values: Record<string, string>): NodeJS.ProcessEnv => values as NodeJS.ProcessEnv;

describe('configuration', () => {
  it('takes defaults for an empty environment', () => {
    expect(loadEnvironment(env({}))).toMatchObject({ PORT: 3000, DATA_DIR: './data', RAPPORT_MODE: 'embedded', SQLITE_SYNCHRONOUS: 'FULL' });
  });

  it('stops at boot naming the bad variable', () => {
    expect(() => loadEnvironment(env({ PORT: 'eighty' }))).toThrow(ConfigurationError);
    expect(() => loadEnvironment(env({ PORT: 'eighty' }))).toThrow(/PORT="eighty"/);
    expect(() => loadEnvironment(env({ RAPPORT_MODE: 'cluster' }))).toThrow(/RAPPORT_MODE/);
    expect(() => loadEnvironment(env({ JWT_SECRET: 'short' }))).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('refuses distributed mode without a JWT secret', () => {
    const engines = { POSTGRES_URL: 'postgres://db/rapport', MONGODB_URL: 'mongodb://db/', KAFKA_BROKERS: 'kafka:9092' };
    expect(() => jwtSecretOf(loadEnvironment(env({ RAPPORT_MODE: 'distributed', ...engines })))).toThrow(/JWT_SECRET is required/);
  });

  it('names every engine URL the selected engines need', () => {
    const error = (() => {
      try {
        loadEnvironment(env({ RAPPORT_MODE: 'distributed' }));
      } catch (e) {
        return String(e);
      }
      return '';
    })();
    expect(error).toMatch(/POSTGRES_URL is required/);
    expect(error).toMatch(/MONGODB_URL is required/);
    expect(error).toMatch(/KAFKA_BROKERS is required/);
    expect(() => loadEnvironment(env({ RAPPORT_MODE: 'distributed', RAPPORT_EVENT_STORE: 'kurrentdb', RAPPORT_READ_MODELS: 'sqlite', RAPPORT_BUS: 'in-process' }))).toThrow(
      /KURRENTDB_URL is required/,
    );
  });

  it('reads integrator API keys as hashes with roles, and refuses a malformed entry', () => {
    const hash = hashApiKey('s3cret-key');
    const keys = apiKeysOf(loadEnvironment(env({ RAPPORT_API_KEYS: `crm-sync:${hash};auditor-tool:${hash}:auditor` })));
    expect(keys.map((k) => k.principal)).toEqual([
      { id: 'crm-sync', kind: 'integrator', roles: ['integrator'] },
      { id: 'auditor-tool', kind: 'integrator', roles: ['auditor'] },
    ]);
    expect(() => apiKeysOf(loadEnvironment(env({ RAPPORT_API_KEYS: 'crm-sync:not-a-hash' })))).toThrow(/invalid entry/);
  });
});

describe('tokens', () => {
  const tokens = new TokenService('a-secret-of-at-least-thirty-two-chars!!', [{ keyHash: hashApiKey('key-1'), principal: { id: 'crm', kind: 'integrator', roles: ['integrator'] } }]);

  it('round-trips a principal through a bearer token', () => {
    const token = tokens.issue({ id: 'rep-ana', roles: ['rep'], team: 'east', managerId: 'manager-max' });
    expect(tokens.verifyBearer(token)).toEqual({ id: 'rep-ana', kind: 'user', roles: ['rep'], team: 'east', managerId: 'manager-max' });
  });

  it('refuses a token signed with another secret, or naming an unknown role', () => {
    const other = new TokenService('another-secret-of-at-least-thirty-two!!');
    expect(tokens.verifyBearer(other.issue({ id: 'rep-ana', roles: ['rep'] }))).toBeUndefined();
    expect(tokens.verifyBearer(tokens.issue({ id: 'x', roles: ['superuser' as 'rep'] }))).toBeUndefined();
  });

  it('knows an API key by its hash only', () => {
    expect(tokens.verifyApiKey('key-1')).toMatchObject({ id: 'crm' });
    expect(tokens.verifyApiKey('key-2')).toBeUndefined();
  });
});
