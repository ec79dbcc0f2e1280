import { exportText } from './audit-export';
import type { AuditEntry } from './history';
import { verifyExport } from './verify-export';

const entry = (i: number): AuditEntry => ({
  service: i % 3 === 0 ? 'scheduler' : 'customers',
  position: i,
  streamId: 'customer-c-1',
  eventId: `event-${i}`,
  type: 'customers.contact-logged.v1',
  at: `2026-03-0${1 + (i % 9)}T10:00:00.000Z`,
  actor: { id: 'rep-ana', kind: 'user', roles: ['rep'] },
  via: 'api',
  reason: i === 2 ? 'she said "later", then: call back, please\nnext week' : null,
  correlationId: `corr-${i}`,
  causationId: `cause-${i}`,
  commandId: null,
  erasedFields: i === 4 ? ['notes'] : [],
  data: { customerId: 'c-1', notes: i === 4 ? null : `note ${i}`, amount: -i },
});
const entries = Array.from({ length: 8 }, (_, i) => entry(i + 1));

describe.each(['jsonl', 'csv'] as const)('A7: a %s export proves itself complete', (format) => {
  const text = exportText(entries, format, { subject: 'c-1' }, '2026-12-02T06:00:00.000Z');
  const lines = text.trimEnd().split('\n');
  // CSV has a header and one record holds a line break (the reason of entry 2): work on records, not lines.
  const header = format === 'csv' ? 1 : 0;
  const records = format === 'csv' ? [lines[0]!, ...splitCsv(lines.slice(1).join('\n'))] : lines;
  const join = (rs: readonly string[]) => `${rs.join('\n')}\n`;
  const at = (n: number) => `line ${n + (format === 'csv' ? 1 : 0)}`;

  it('A7: an untouched export verifies clean', () => {
    expect(verifyExport(text)).toMatchObject({ ok: true, checked: 8, format });
  });

  it('A7: one changed byte names the altered line', () => {
    const changed = [...records];
    changed[header + 2] = changed[header + 2]!.replace('note 3', 'note 9');
    expect(verifyExport(join(changed)).problem).toMatchObject({ kind: 'altered', at: at(3) });
  });

  it('A7: a deleted line is named as removed', () => {
    const removed = records.filter((_, i) => i !== header + 4);
    expect(verifyExport(join(removed)).problem).toMatchObject({ kind: 'removed', at: at(5) });
  });

  it('A7: two swapped lines are named as reordered', () => {
    const swapped = [...records];
    [swapped[header + 5], swapped[header + 6]] = [swapped[header + 6]!, swapped[header + 5]!];
    expect(verifyExport(join(swapped)).problem).toMatchObject({ kind: 'reordered', at: at(6) });
  });

  it('A7: an inserted line is named', () => {
    const inserted = [...records];
    inserted.splice(header + 3, 0, records[header + 2]!);
    expect(verifyExport(join(inserted)).problem).toMatchObject({ kind: 'inserted', at: at(4) });
  });

  it('A7: a cut tail is caught, with or without the digest line', () => {
    expect(verifyExport(join(records.slice(0, -1))).problem).toMatchObject({ kind: 'truncated' });
    const withDigest = [...records.slice(0, header + 6), records.at(-1)!];
    expect(verifyExport(join(withDigest)).problem).toMatchObject({ kind: 'truncated' });
  });
});

/** Test helper: CSV records of the body (quoted line breaks kept inside a record). */
function splitCsv(body: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (ch === '\n' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}
