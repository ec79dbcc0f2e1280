import { canonicalJson, genesisOf, link } from './canonical';
import type { AuditEntry, HistoryFilter } from './history';

/**
 * A7: exports an auditor can prove complete. Every line carries its number `n` and `chain`, the SHA-256 of the
 * previous line's chain and this line's canonical bytes (the entry and `n`, without `chain`); the last line is the digest: how many
 * entries, the last chain value, and what was asked for. Removing, inserting, changing or reordering a line
 * breaks the chain at that line; cutting the tail breaks the count and the digest. `rapport verify` checks it.
 */
export const EXPORT_GENESIS = genesisOf('export v1');

export interface ExportDigest {
  readonly digest: {
    readonly format: 'jsonl' | 'csv';
    readonly algorithm: 'sha256-chain-v1';
    readonly count: number;
    readonly head: string;
    readonly filter: HistoryFilter;
    readonly exportedAt: string;
    /** Ed25519 over `head|count` by the installation's audit key, when one is configured (A4). */
    readonly signature?: string;
  };
}

export const CSV_COLUMNS = ['n', 'service', 'position', 'at', 'type', 'streamId', 'eventId', 'actorId', 'actorKind', 'via', 'reason', 'correlationId', 'causationId', 'commandId', 'erasedFields', 'data'] as const;

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) || /^[=+\-@\t]/.test(text) ? `"${(/^[=+\-@\t]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"` : text;
};

export const csvRowOf = (e: AuditEntry, n: number): string =>
  [n, e.service, e.position, e.at, e.type, e.streamId, e.eventId, e.actor.id, e.actor.kind, e.via, e.reason, e.correlationId, e.causationId, e.commandId, e.erasedFields.join(' '), e.data]
    .map(csvCell)
    .join(',');

export interface ExportWriter {
  /** Lines to write for this entry (each without a trailing newline). */
  add(entry: AuditEntry): string;
  /** The closing digest line(s). */
  finish(filter: HistoryFilter, exportedAt: string, sign?: (message: string) => string): string;
}

export function exportWriter(format: 'jsonl' | 'csv'): ExportWriter & { readonly header: string | null } {
  let head = EXPORT_GENESIS;
  let count = 0;
  return {
    header: format === 'csv' ? [...CSV_COLUMNS, 'chain'].join(',') : null,
    add(entry) {
      count++;
      // `n` numbers the lines inside the chained bytes, so a verifier can tell a removed line from a changed one.
      const bytes = format === 'jsonl' ? canonicalJson({ ...entry, n: count }) : csvRowOf(entry, count);
      head = link(head, bytes);
      return format === 'jsonl' ? canonicalJson({ ...entry, n: count, chain: head }) : `${bytes},${head}`;
    },
    finish(filter, exportedAt, sign) {
      const signature = sign?.(`${head}|${count}`);
      const digest: ExportDigest = { digest: { format, algorithm: 'sha256-chain-v1', count, head, filter, exportedAt, ...(signature ? { signature } : {}) } };
      return format === 'jsonl' ? canonicalJson(digest) : `#digest,${csvCell(canonicalJson(digest))}`;
    },
  };
}

/** The whole export as text (small exports, tests). Large ones stream `add` line by line. */
export function exportText(entries: readonly AuditEntry[], format: 'jsonl' | 'csv', filter: HistoryFilter, exportedAt: string, sign?: (message: string) => string): string {
  const writer = exportWriter(format);
  const lines = [...(writer.header ? [writer.header] : []), ...entries.map((e) => writer.add(e)), writer.finish(filter, exportedAt, sign)];
  return `${lines.join('\n')}\n`;
}
