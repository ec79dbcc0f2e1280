import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

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
