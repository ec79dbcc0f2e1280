import { createHash } from 'node:crypto';
import { defaultComplaintPolicy, SEVERITIES, type ComplaintPolicy } from '@rapport/complaints-domain';

export class ComplaintPolicyError extends Error {
  override readonly name = 'ComplaintPolicyError';
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Overrides only replace values that exist in the default, with values of the same type (numbers: positive). */
function merge(base: Json, override: Json, path: string): Json {
  if (typeof base === 'object' && base !== null && !Array.isArray(base)) {
    if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new ComplaintPolicyError(`${path} must be an object`);
    const out: Record<string, Json> = { ...(base as Record<string, Json>) };
    for (const [key, value] of Object.entries(override)) {
      if (!(key in out)) throw new ComplaintPolicyError(`${path}.${key} is not a policy setting`);
      out[key] = merge(out[key]!, value, `${path}.${key}`);
    }
    return out;
  }
  if (typeof override !== typeof base) throw new ComplaintPolicyError(`${path} must be a ${typeof base}`);
  if (typeof override === 'number' && !(override > 0 && Number.isFinite(override))) throw new ComplaintPolicyError(`${path} must be a positive number`);
  return override;
}

/**
 * The complaint policy (K3 SLA targets by severity, K6 threshold, K7 windows) from `COMPLAINTS_POLICY`, a JSON
 * object of overrides, e.g. `{"sla":{"critical":{"acknowledgeHours":2}}}`. Events record the version; a changed
 * policy without its own `version` gets the default's plus a digest of the overrides, so two rule sets never
 * share a version string.
 */
export function loadComplaintPolicy(env: NodeJS.ProcessEnv = process.env): ComplaintPolicy {
  const raw = env['COMPLAINTS_POLICY'];
  if (!raw || raw.trim() === '') return defaultComplaintPolicy;
  let overrides: Json;
  try {
    overrides = JSON.parse(raw) as Json;
  } catch {
    throw new ComplaintPolicyError('COMPLAINTS_POLICY must be a JSON object');
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw new ComplaintPolicyError('COMPLAINTS_POLICY must be a JSON object');
  const { version, ...rest } = overrides as Record<string, Json>;
  const merged = merge(defaultComplaintPolicy as unknown as Json, rest, 'COMPLAINTS_POLICY') as unknown as ComplaintPolicy;
  for (const severity of SEVERITIES) {
    if (merged.sla[severity].acknowledgeHours > merged.sla[severity].resolveHours) throw new ComplaintPolicyError(`COMPLAINTS_POLICY.sla.${severity}: acknowledging cannot take longer than resolving`);
  }
  const digest = createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 8);
  return { ...merged, version: typeof version === 'string' && version !== '' ? version : `${defaultComplaintPolicy.version}+${digest}` };
}
