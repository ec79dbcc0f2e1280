import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

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

export function loadEnvironment(env: NodeJS.ProcessEnv = process.env): RapportEnvironment {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(RapportEnvironment, defined, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    // Show the value as it was written in the environment, not as converted.
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(defined[e.property] ?? null)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigurationError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
