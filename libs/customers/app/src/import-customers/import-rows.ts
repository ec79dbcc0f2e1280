import { ProblemException, RequestValidationError } from '@rapport/platform-nest';
import type { ImportRow } from '@rapport/customers-domain';
import { CsvReader } from './csv';

/** Caps of one import: a JSON body of up to 10,000 rows, a CSV file of up to 100,000 (and 20 MB, the body limit). */
export const JSON_ROWS_MAX = 10_000;
export const CSV_ROWS_MAX = 100_000;
const COLUMNS = ['name', 'phone', 'email', 'company', 'owner'] as const;
const ROWS_PER_SLICE = 2_000;

export const tooManyRows = (limit: number): ProblemException =>
  new ProblemException(413, 'too-many-rows', `an import has at most ${limit.toLocaleString('en')} rows; split the file`, { limit });

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A CSV export as import rows. Read a slice of rows at a time with a yield between slices, so reading a
 * 20 MB file does not hold up the requests served beside it. Header problems are a 400 naming the column;
 * more rows than the cap is a 413 naming it.
 */
export async function rowsOfCsv(text: string, limit = CSV_ROWS_MAX): Promise<ImportRow[]> {
  const reader = new CsvReader(text);
  const [header] = reader.read(1);
  if (!header) throw new RequestValidationError([{ field: 'body', messages: ['the CSV file is empty'] }]);
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new RequestValidationError(unknown.map((n) => ({ field: `header:${n}`, messages: [`unknown column; expected ${COLUMNS.join(', ')}`] })));
  if (!names.includes('name')) throw new RequestValidationError([{ field: 'header:name', messages: ['the name column is required'] }]);
  const rows: ImportRow[] = [];
  while (!reader.done) {
    for (const cells of reader.read(ROWS_PER_SLICE)) rows.push(Object.fromEntries(names.map((n, i) => [n, cells[i] ?? null])) as ImportRow);
    if (rows.length > limit) throw tooManyRows(limit);
    await nextTurn();
  }
  if (rows.length === 0) throw new RequestValidationError([{ field: 'body', messages: ['the CSV file has no rows'] }]);
  return rows;
}
