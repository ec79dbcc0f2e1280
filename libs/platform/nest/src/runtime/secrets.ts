import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyEntry } from '../auth/token.service';
import { ROLES, type Role } from '../auth/principal';
import { ConfigurationError, type RapportEnvironment } from './config';

/**
 * The token secret: from JWT_SECRET, or — embedded mode only — made once and kept under the data folder,
 * so development tokens survive restarts without any setup.
 */
export function jwtSecretOf(env: RapportEnvironment): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.RAPPORT_MODE !== 'embedded') throw new ConfigurationError('JWT_SECRET is required in distributed mode');
  if (env.DATA_DIR === ':memory:') return randomBytes(32).toString('hex');
  const file = join(env.DATA_DIR, '.jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * A5: the master key that wraps the per-customer data keys: RAPPORT_MASTER_KEY, or — embedded mode only —
 * made once and kept under the data folder. Losing it loses every customer's personal data (ADR 0009).
 */
export function masterKeyOf(env: RapportEnvironment): Buffer {
  if (env.RAPPORT_MASTER_KEY) return Buffer.from(env.RAPPORT_MASTER_KEY, 'base64');
  if (env.RAPPORT_MODE !== 'embedded') throw new ConfigurationError('RAPPORT_MASTER_KEY is required in distributed mode (openssl rand -base64 32)');
  if (env.DATA_DIR === ':memory:') return randomBytes(32);
  const file = join(env.DATA_DIR, '.master-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(env.DATA_DIR, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** `id:sha256hex[:role,role]` entries separated by `;`. Integrators get the `integrator` role by default. */
export function apiKeysOf(env: RapportEnvironment): ApiKeyEntry[] {
  if (!env.RAPPORT_API_KEYS) return [];
  return env.RAPPORT_API_KEYS.split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, keyHash, roleList] = entry.split(':');
      const roles = (roleList ? roleList.split(',') : ['integrator']) as Role[];
      if (!id || !keyHash || !/^[0-9a-f]{64}$/.test(keyHash) || !roles.every((r) => ROLES.includes(r))) {
        throw new ConfigurationError(`RAPPORT_API_KEYS: invalid entry "${entry}" (expected id:sha256hex[:role,role])`);
      }
      return { keyHash, principal: { id, kind: 'integrator' as const, roles } };
    });
}
