/**
 * C1: two records with the same name at the same company but different phone and email are not refused (they
 * may be namesakes), but listed as *possible* duplicates for a manager to merge (C2) or leave. Both parts
 * compare normalised: case, spacing, full-width forms and a trailing full stop do not hide a pair.
 */
const normalized = (raw: string): string =>
  raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();

/** The key two records share when they are possibly the same customer; null without a name and a company. */
export function identityKeyOf(name: string | null, company: string | null): string | null {
  if (!name || !company) return null;
  const n = normalized(name);
  const c = normalized(company);
  return n && c ? `${n}|${c}` : null;
}
