import { createHash } from 'node:crypto';

/**
 * Canonical JSON: keys sorted at every level, no whitespace, `undefined` members dropped. Two programs that
 * agree on the value agree on the bytes, which is what a digest needs.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // Dates and other values that say how they are written in JSON are written that way, not as `{}`.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON: () => unknown }).toJSON();
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

export const sha256Hex = (...parts: readonly (string | Buffer)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/** Where every chain starts: a fixed, named value, so an empty chain has a digest too. */
export const genesisOf = (name: string): string => sha256Hex(`rapport ${name} genesis`);

/** One link: the hash of the previous link and this record's bytes. */
export const link = (previous: string, bytes: string | Buffer): string => createHash('sha256').update(previous, 'hex').update(bytes).digest('hex');
