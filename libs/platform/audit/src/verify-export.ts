import { canonicalJson } from './canonical';
import { EXPORT_GENESIS, type ExportDigest } from './audit-export';
import { verifyChainItems, type ChainItem, type VerifyResult } from './chain-verify';

/** Splits CSV into records, honouring quoted cells that hold commas, quotes and line breaks; keeps each record's text. */
export function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      records.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records.filter((r) => r.length > 0);
}

const unquote = (cell: string): string => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);

function digestOf(json: string): ExportDigest['digest'] | undefined {
  try {
    const parsed = JSON.parse(json) as Partial<ExportDigest>;
    return parsed.digest && typeof parsed.digest.head === 'string' ? parsed.digest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A7: verifies an export offline, from the file alone: every line's chain value, the line numbers, and the
 * closing digest (count and head). With the installation's public key, the digest's signature too.
 */
export function verifyExport(text: string, options: { readonly verifySignature?: (message: string, signature: string) => boolean; readonly progress?: (checked: number) => void } = {}): VerifyResult & { readonly format: 'jsonl' | 'csv' } {
  const csv = text.startsWith('n,service,');
  const records = csv ? csvRecords(text).slice(1) : text.split('\n').filter((l) => l.trim().length > 0);
  const last = records.at(-1) ?? '';
  const digest = csv ? (last.startsWith('#digest,') ? digestOf(unquote(last.slice('#digest,'.length))) : undefined) : digestOf(last);
  const body = digest ? records.slice(0, -1) : records;
  const items: ChainItem[] = [];
  for (const [i, record] of body.entries()) {
    const label = `line ${i + (csv ? 2 : 1)}`;
    try {
      if (csv) {
        const comma = record.lastIndexOf(',');
        const firstComma = record.indexOf(',');
        items.push({ seq: Number(record.slice(0, firstComma)), bytes: record.slice(0, comma), chain: record.slice(comma + 1), label });
      } else {
        const { chain, ...entry } = JSON.parse(record) as { chain: string; n: number };
        items.push({ seq: entry.n, bytes: canonicalJson(entry), chain, label });
      }
    } catch {
      return { ok: false, checked: i, head: '', format: csv ? 'csv' : 'jsonl', problem: { kind: 'malformed', at: label, message: `${label} is not a ${csv ? 'CSV record' : 'JSON line'} of an export` } };
    }
  }
  const format = csv ? ('csv' as const) : ('jsonl' as const);
  const result = verifyChainItems(items, EXPORT_GENESIS, { firstSeq: 1, ...(digest ? { count: digest.count, head: digest.head } : {}) }, options.progress);
  if (!result.ok) return { ...result, format };
  if (!digest) return { ok: false, checked: result.checked, head: result.head, format, problem: { kind: 'truncated', at: 'end', message: 'the closing digest line is missing: the export was cut' } };
  if (digest.signature && options.verifySignature && !options.verifySignature(`${digest.head}|${digest.count}`, digest.signature)) {
    return { ok: false, checked: result.checked, head: result.head, format, problem: { kind: 'digest', at: 'digest', message: "the digest's signature does not verify with this key" } };
  }
  return { ...result, format };
}
