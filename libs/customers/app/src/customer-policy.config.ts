import { createHash } from 'node:crypto';
import { defaultCustomerPolicy, isPhoneRegion, type CustomerPolicy } from '@rapport/customers-domain';

export class CustomerPolicyError extends Error {
  override readonly name = 'CustomerPolicyError';
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Overrides only replace values that exist in the default, with values of the same type. */
function merge(base: Json, override: Json, path: string): Json {
  if (override === undefined) return base;
  if (Array.isArray(base)) {
    if (!Array.isArray(override)) throw new CustomerPolicyError(`${path} must be a list`);
    return override;
  }
  if (typeof base === 'object' && base !== null) {
    if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new CustomerPolicyError(`${path} must be an object`);
    const out: Record<string, Json> = { ...(base as Record<string, Json>) };
    for (const [key, value] of Object.entries(override)) {
      if (!(key in out)) throw new CustomerPolicyError(`${path}.${key} is not a policy setting`);
      out[key] = merge(out[key]!, value, `${path}.${key}`);
    }
    return out;
  }
  if (typeof override !== typeof base) throw new CustomerPolicyError(`${path} must be a ${typeof base}`);
  if (typeof override === 'number' && !(override >= 0)) throw new CustomerPolicyError(`${path} must be zero or more`);
  return override;
}

/**
 * The customers policy (C4, C6, C8, C9, C12 defaults) from `CUSTOMERS_POLICY`, a JSON object of overrides,
 * e.g. `{"reclaim":{"afterDays":60}}`. Events record the policy version; a changed policy without its own
 * `version` gets the default's version plus a digest of the overrides, so two different rule sets never
 * share a version string.
 */
export function loadCustomerPolicy(env: NodeJS.ProcessEnv = process.env): CustomerPolicy {
  const raw = env['CUSTOMERS_POLICY'];
  if (!raw || raw.trim() === '') return defaultCustomerPolicy;
  let overrides: Json;
  try {
    overrides = JSON.parse(raw) as Json;
  } catch {
    throw new CustomerPolicyError('CUSTOMERS_POLICY must be a JSON object');
  }
  const { version, ...rest } = (overrides ?? {}) as Record<string, Json>;
  const merged = merge(defaultCustomerPolicy as unknown as Json, rest, 'CUSTOMERS_POLICY') as unknown as CustomerPolicy;
  if (merged.reclaim.warnDaysBefore >= merged.reclaim.afterDays) throw new CustomerPolicyError('CUSTOMERS_POLICY.reclaim.warnDaysBefore must be below afterDays');
  if (!isPhoneRegion(merged.phone.defaultRegion)) throw new CustomerPolicyError('CUSTOMERS_POLICY.phone.defaultRegion must be an ISO 3166 alpha-2 region, e.g. "CN"');
  const digest = createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 8);
  return { ...merged, version: typeof version === 'string' && version !== '' ? version : `${defaultCustomerPolicy.version}+${digest}` };
}
