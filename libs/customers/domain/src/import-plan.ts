import type { DomainEvent } from '@rapport/platform-eventsourcing';
import { contactKeyOf } from './contact-key';
import { isPhoneRegion, normalizeEmail, normalizePhone } from './contact-normalization';

/**
 * C1: a bulk import dedupes within the file before it touches the registry. Planning is pure: it
 * normalises each row, refuses invalid ones, and marks a row whose phone or email an earlier accepted
 * row already has. Only the remaining candidates are registered, in file order.
 */
export interface ImportRow {
  readonly name?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly company?: string | null;
  /** Owning rep; only a manager's import may name one (C3). */
  readonly owner?: string | null;
  /** C1: the region the row's phone is read in when written without a country code (else the import's). */
  readonly region?: string | null;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export type PlannedRow =
  | { readonly row: number; readonly status: 'invalid'; readonly errors: readonly FieldProblem[] }
  | { readonly row: number; readonly status: 'duplicate-in-file'; readonly duplicateOfRow: number; readonly matchedOn: 'phone' | 'email' }
  | {
      readonly row: number;
      readonly status: 'candidate';
      readonly name: string;
      readonly phone: string | null;
      readonly email: string | null;
      readonly company: string | null;
      readonly owner: string | null;
    };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const text = (value: string | null | undefined): string | null => (value == null || value.trim() === '' ? null : value.trim());

/** Rows are numbered from 1 in file order (the header of a CSV file is not a row). */
export function planImport(rows: readonly ImportRow[], options: { readonly mayNameOwner: boolean; readonly phoneRegion?: string }): PlannedRow[] {
  const firstRowWith = new Map<string, number>();
  return rows.map((raw, index): PlannedRow => {
    const row = index + 1;
    const errors: FieldProblem[] = [];
    const name = text(raw.name);
    if (!name) errors.push({ field: 'name', message: 'name is required' });
    else if (name.length > 200) errors.push({ field: 'name', message: 'name is longer than 200 characters' });
    const rawPhone = text(raw.phone);
    const region = text(raw.region)?.toUpperCase() ?? options.phoneRegion;
    if (region !== undefined && !isPhoneRegion(region)) errors.push({ field: 'region', message: `"${region}" is not a region (ISO 3166 alpha-2)` });
    const phone = rawPhone === null ? null : (normalizePhone(rawPhone, region) ?? null);
    if (rawPhone !== null && phone === null) errors.push({ field: 'phone', message: `"${rawPhone}" is not a valid phone number` });
    const rawEmail = text(raw.email);
    const email = rawEmail === null ? null : normalizeEmail(rawEmail);
    if (email !== null && !EMAIL.test(email)) errors.push({ field: 'email', message: `"${rawEmail}" is not a valid email` });
    const owner = text(raw.owner);
    if (owner !== null && !options.mayNameOwner) errors.push({ field: 'owner', message: 'only a manager may name the owner' });
    if (errors.length > 0) return { row, status: 'invalid', errors };

    const keys = [...(phone ? [['phone', contactKeyOf('phone', phone)] as const] : []), ...(email ? [['email', contactKeyOf('email', email)] as const] : [])];
    for (const [matchedOn, key] of keys) {
      const earlier = firstRowWith.get(key);
      if (earlier !== undefined) return { row, status: 'duplicate-in-file', duplicateOfRow: earlier, matchedOn };
    }
    for (const [, key] of keys) firstRowWith.set(key, row);
    return { row, status: 'candidate', name: name!, phone, email, company: text(raw.company), owner };
  });
}

/** The fate of one row, as the import reports it and records it. */
export type RowOutcome =
  | Exclude<PlannedRow, { readonly status: 'candidate' }>
  | { readonly row: number; readonly status: 'created'; readonly customerId: string }
  | { readonly row: number; readonly status: 'duplicate-in-registry'; readonly existingCustomerId: string; readonly matchedOn: 'phone' | 'email' };

export interface ImportSummary {
  readonly rows: number;
  readonly created: number;
  readonly duplicateInFile: number;
  readonly duplicateInRegistry: number;
  readonly invalid: number;
}

export const summarize = (outcomes: readonly RowOutcome[]): ImportSummary => ({
  rows: outcomes.length,
  created: outcomes.filter((o) => o.status === 'created').length,
  duplicateInFile: outcomes.filter((o) => o.status === 'duplicate-in-file').length,
  duplicateInRegistry: outcomes.filter((o) => o.status === 'duplicate-in-registry').length,
  invalid: outcomes.filter((o) => o.status === 'invalid').length,
});

/**
 * The import's own record, on stream `import-<id>`: every created row is also its own registration
 * event, so only the rows that did not become customers are listed here, which keeps the event small.
 */
export type CustomersImported = DomainEvent<
  'customers.customers-imported.v1',
  {
    readonly importId: string;
    readonly summary: ImportSummary;
    readonly notCreated: readonly Exclude<RowOutcome, { readonly status: 'created' }>[];
    readonly by: string;
    readonly at: string;
  }
>;
export const importStreamId = (importId: string): string => `import-${importId}`;
