import { ConfigurationError, describeEngines, loadEnvironment, redactUrl } from './config';
import { oidcOptionsOf } from '../auth/oidc.options';
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

  it('a tool that opens no engine (the token CLI) is not asked for engine URLs', () => {
    const environment = loadEnvironment(env({ RAPPORT_MODE: 'distributed', JWT_SECRET: 'x'.repeat(32) }), { engines: false });
    expect(environment.JWT_SECRET).toBe('x'.repeat(32));
    expect(() => loadEnvironment(env({ RAPPORT_MODE: 'distributed', PORT: 'eighty' }), { engines: false })).toThrow(/PORT="eighty"/);
  });

  it('D3: reads the OIDC issuer, audiences, roles claim and role map', () => {
    const options = oidcOptionsOf(
      loadEnvironment(
        env({
          OIDC_ISSUER: 'https://login.example.com/realms/acme',
          OIDC_AUDIENCE: 'rapport-api, rapport-web',
          OIDC_ROLES_CLAIM: 'realm_access.roles',
          OIDC_ROLE_MAP: '{"crm-sales":"rep","crm-leads":["rep","manager"]}',
        }),
      ),
    );
    expect(options).toMatchObject({ issuer: 'https://login.example.com/realms/acme', audiences: ['rapport-api', 'rapport-web'], rolesClaim: 'realm_access.roles', subjectClaim: 'sub' });
    expect(options?.jwksUrl).toBeUndefined();
    expect([...options!.roleMap!.entries()]).toEqual([
      ['crm-sales', ['rep']],
      ['crm-leads', ['rep', 'manager']],
    ]);
    expect(oidcOptionsOf(loadEnvironment(env({})))).toBeUndefined();
  });

  it('D3: stops at boot on an OIDC setting it cannot use', () => {
    expect(() => loadEnvironment(env({ OIDC_ISSUER: 'https://login.example.com' }))).toThrow(/OIDC_AUDIENCE is required with OIDC_ISSUER/);
    expect(() => loadEnvironment(env({ OIDC_ISSUER: 'http://login.example.com', OIDC_AUDIENCE: 'a' }))).toThrow(/OIDC_ISSUER must be an https URL/);
    expect(() => loadEnvironment(env({ OIDC_ISSUER: 'http://127.0.0.1:8080/realms/dev', OIDC_AUDIENCE: 'a' }))).not.toThrow();
    expect(() => loadEnvironment(env({ OIDC_ROLE_MAP: '{"crm-sales":"superuser"}' }))).toThrow(/OIDC_ROLE_MAP\["crm-sales"\] names unknown role/);
    expect(() => loadEnvironment(env({ OIDC_ROLE_MAP: 'crm-sales=rep' }))).toThrow(/OIDC_ROLE_MAP must be a JSON object/);
    expect(() => loadEnvironment(env({ OIDC_ROLES_CLAIM: 'realm_access..roles' }))).toThrow(/OIDC_ROLES_CLAIM/);
  });

  it('SEC-14: the startup line names each chosen engine and where it is, without credentials', () => {
    expect(describeEngines(loadEnvironment(env({})))).toBe(
      'engines (embedded mode, namespace rapport): event store sqlite under ./data; read models sqlite under ./data; bus in-process (sqlite under ./data)',
    );
    const line = describeEngines(
      loadEnvironment(
        env({
          RAPPORT_MODE: 'distributed',
          POSTGRES_URL: 'postgres://rapport:pg-pass@db.internal:5432/rapport?sslmode=require&password=pg-pass',
          MONGODB_URL: 'mongodb://reader:mongo-pass@m1:27017,m2:27017/?replicaSet=rs0',
          KAFKA_BROKERS: 'k1:9092,k2:9092',
        }),
      ),
    );
    expect(line).toBe(
      'engines (distributed mode, namespace rapport): event store postgres postgres://db.internal:5432/rapport; read models mongodb mongodb://m1:27017,m2:27017/; bus kafka k1:9092,k2:9092',
    );
    expect(line).not.toMatch(/pass/);
    expect(redactUrl('kurrentdb://admin:changeit@localhost:2113?tls=false')).toBe('kurrentdb://localhost:2113');
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

describe('development tokens', () => {
  const tokens = new TokenService('a-secret-of-at-least-thirty-two-chars!!', [{ keyHash: hashApiKey('key-1'), principal: { id: 'crm', kind: 'integrator', roles: ['integrator'] } }]);

  it('round-trips a principal through a bearer token', () => {
    const token = tokens.issue({ id: 'rep-ana', roles: ['rep'], team: 'east', managerId: 'manager-max' });
    expect(tokens.verify(token)).toEqual({ ok: true, principal: { id: 'rep-ana', kind: 'user', roles: ['rep'], team: 'east', managerId: 'manager-max' } });
  });

  it('SEC-14: refuses a token signed with another secret, or naming an unknown role, saying why', () => {
    const other = new TokenService('another-secret-of-at-least-thirty-two!!');
    expect(tokens.verify(other.issue({ id: 'rep-ana', roles: ['rep'] }))).toEqual({ ok: false, reason: expect.stringMatching(/another DATA_DIR or JWT_SECRET/) });
    expect(tokens.verify(tokens.issue({ id: 'x', roles: ['superuser' as 'rep'] }))).toEqual({ ok: false, reason: 'token names unknown role(s): superuser' });
    expect(tokens.verify(new TokenService('a-secret-of-at-least-thirty-two-chars!!', [], 'elsewhere').issue({ id: 'x', roles: ['rep'] }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not issued by this server/),
    });
  });

  it('knows an API key by its hash only', () => {
    expect(tokens.verifyApiKey('key-1')).toMatchObject({ id: 'crm' });
    expect(tokens.verifyApiKey('key-2')).toBeUndefined();
  });
});
