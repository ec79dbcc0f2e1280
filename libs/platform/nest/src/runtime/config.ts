import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';
import { parseRoleMap } from '../auth/role-map';

/** An identity provider is reached over TLS; plain http only on this machine (tests, a local IdP). */
const IDP_URL = /^(https:\/\/[^\s/]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?)(\/\S*)?$/;
const CLAIM_PATH = /^[^.\s]+(\.[^.\s]+)*$/;

/**
 * Configuration comes from the environment and is validated at boot: a bad or missing value stops the
 * process with a message naming the variable, instead of failing later in the middle of a request.
 */
export class RapportEnvironment {
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  /** Largest JSON request body (bulk imports send thousands of rows). */
  @IsOptional() @Matches(/^\d+(kb|mb)$/, { message: 'HTTP_BODY_LIMIT must look like 512kb or 10mb' })
  HTTP_BODY_LIMIT = '10mb';

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR = './data';

  @IsOptional() @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';

  /** HS256 secret for bearer tokens. Embedded mode makes and keeps one under DATA_DIR when unset. */
  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * OIDC sign-in (D3): bearer tokens signed RS256/ES256 by this issuer are accepted beside development
   * tokens. Unset: only development tokens and API keys.
   */
  @IsOptional() @Matches(IDP_URL, { message: 'OIDC_ISSUER must be an https URL (http only for localhost)' })
  OIDC_ISSUER?: string;

  /** The audience (`aud`) tokens must name: this API's client id or identifier at the IdP. Several: comma-separated. */
  @ValidateIf((env: RapportEnvironment) => env.OIDC_ISSUER !== undefined) @IsString({ message: 'OIDC_AUDIENCE is required with OIDC_ISSUER' })
  OIDC_AUDIENCE?: string;

  /** Where the issuer publishes its keys. Default: `jwks_uri` of the issuer's /.well-known/openid-configuration. */
  @IsOptional() @Matches(IDP_URL, { message: 'OIDC_JWKS_URL must be an https URL (http only for localhost)' })
  OIDC_JWKS_URL?: string;

  /** Dotted path of the claim listing the caller's IdP roles or groups (`roles`, `groups`, `realm_access.roles`). */
  @IsOptional() @Matches(CLAIM_PATH, { message: 'OIDC_ROLES_CLAIM must be a claim name or a dotted path' })
  OIDC_ROLES_CLAIM = 'roles';

  /** JSON: IdP role/group → Rapport role(s). Unset: IdP roles named like Rapport roles count as themselves. */
  @IsOptional()
  @ValidateBy({
    name: 'roleMap',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && typeof parseRoleMap(value) !== 'string',
      defaultMessage: (args) => (typeof args?.value === 'string' ? (parseRoleMap(args.value) as string) : 'OIDC_ROLE_MAP must be a JSON object'),
    },
  })
  OIDC_ROLE_MAP?: string;

  /** The claim naming the person (their directory id): `sub` unless the IdP's subject is opaque (`preferred_username`, `email`). */
  @IsOptional() @Matches(CLAIM_PATH, { message: 'OIDC_SUBJECT_CLAIM must be a claim name or a dotted path' })
  OIDC_SUBJECT_CLAIM = 'sub';

  /** Integrator API keys: `id:sha256hex[:role,role]` entries separated by `;` (see README). */
  @IsOptional() @IsString()
  RAPPORT_API_KEYS?: string;

  /** Print development tokens at start (embedded default). Set to `false` in any shared environment. */
  @IsOptional() @IsIn(['true', 'false'])
  RAPPORT_DEV_TOKENS: 'true' | 'false' = 'true';

  @IsOptional() @IsIn(['embedded', 'distributed'])
  RAPPORT_MODE: 'embedded' | 'distributed' = 'embedded';

  /** Prefix of the PostgreSQL schema and MongoDB database of each service (`<ns>_customers`). */
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'RAPPORT_NAMESPACE must be lower-case letters, digits and _' })
  RAPPORT_NAMESPACE = 'rapport';

  /** Event store engine. Default: sqlite when embedded, postgres when distributed. */
  @IsOptional() @IsIn(['sqlite', 'postgres', 'kurrentdb'])
  RAPPORT_EVENT_STORE?: 'sqlite' | 'postgres' | 'kurrentdb';

  /** Read-model engine. Default: sqlite when embedded, mongodb when distributed. */
  @IsOptional() @IsIn(['sqlite', 'mongodb'])
  RAPPORT_READ_MODELS?: 'sqlite' | 'mongodb';

  /** Message bus. Default: in-process when embedded, kafka when distributed. */
  @IsOptional() @IsIn(['in-process', 'kafka'])
  RAPPORT_BUS?: 'in-process' | 'kafka';

  @ValidateIf((env: RapportEnvironment) => env.eventStoreEngine === 'postgres') @IsString({ message: 'POSTGRES_URL is required for the postgres event store' })
  POSTGRES_URL?: string;

  @ValidateIf((env: RapportEnvironment) => env.eventStoreEngine === 'kurrentdb') @IsString({ message: 'KURRENTDB_URL is required for the kurrentdb event store' })
  KURRENTDB_URL?: string;

  @ValidateIf((env: RapportEnvironment) => env.readModelEngine === 'mongodb') @IsString({ message: 'MONGODB_URL is required for mongodb read models' })
  MONGODB_URL?: string;

  @ValidateIf((env: RapportEnvironment) => env.busEngine === 'kafka') @IsString({ message: 'KAFKA_BROKERS is required for the kafka bus' })
  KAFKA_BROKERS?: string;

  /**
   * A5: the master key (32 bytes, base64) that wraps every per-customer data key in the key store (ADR 0009).
   * Required in distributed mode; embedded mode makes one under DATA_DIR (`.master-key`) when unset.
   */
  @IsOptional() @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'RAPPORT_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)' })
  RAPPORT_MASTER_KEY?: string;

  get eventStoreEngine(): 'sqlite' | 'postgres' | 'kurrentdb' {
    return this.RAPPORT_EVENT_STORE ?? (this.RAPPORT_MODE === 'distributed' ? 'postgres' : 'sqlite');
  }

  get readModelEngine(): 'sqlite' | 'mongodb' {
    return this.RAPPORT_READ_MODELS ?? (this.RAPPORT_MODE === 'distributed' ? 'mongodb' : 'sqlite');
  }

  get busEngine(): 'in-process' | 'kafka' {
    return this.RAPPORT_BUS ?? (this.RAPPORT_MODE === 'distributed' ? 'kafka' : 'in-process');
  }
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

const ENGINE_URLS: readonly string[] = ['POSTGRES_URL', 'KURRENTDB_URL', 'MONGODB_URL', 'KAFKA_BROKERS'];

export interface LoadOptions {
  /**
   * `false` for tools that open no engine (the token CLI): the engine URLs the selected engines would
   * need are then not demanded.
   */
  readonly engines?: boolean;
}

export function loadEnvironment(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): RapportEnvironment {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(RapportEnvironment, defined, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false }).filter(
    (e) => options.engines !== false || !ENGINE_URLS.includes(e.property),
  );
  if (errors.length > 0) {
    // Show the value as it was written in the environment, not as converted.
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(defined[e.property] ?? null)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigurationError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** An engine URL as it may appear in a log: no user, password, query or fragment (where secrets travel). */
export function redactUrl(url: string): string {
  return url
    .split(',')
    .map((part) => part.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/?#]*@/i, '$1').replace(/[?#].*$/, ''))
    .join(',');
}

/** One line saying which engines this process uses and where, for the startup log. */
export function describeEngines(env: RapportEnvironment): string {
  const at = (url: string | undefined): string => (url ? redactUrl(url) : '(no URL)');
  const embedded = `sqlite under ${env.DATA_DIR}`;
  const eventStore = env.eventStoreEngine === 'sqlite' ? embedded : `${env.eventStoreEngine} ${at(env.eventStoreEngine === 'postgres' ? env.POSTGRES_URL : env.KURRENTDB_URL)}`;
  const readModels = env.readModelEngine === 'sqlite' ? embedded : `mongodb ${at(env.MONGODB_URL)}`;
  const bus = env.busEngine === 'in-process' ? `in-process (sqlite under ${env.DATA_DIR})` : `kafka ${at(env.KAFKA_BROKERS)}`;
  return `engines (${env.RAPPORT_MODE} mode, namespace ${env.RAPPORT_NAMESPACE}): event store ${eventStore}; read models ${readModels}; bus ${bus}`;
}
