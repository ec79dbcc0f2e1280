import { contactKeyOf, planImport, type ImportRow, type PlannedRow } from '@rapport/customers-domain';

/**
 * C1 planning, one row at a time, so a 100,000-row import can yield to other requests between rows instead of
 * normalising every phone in one synchronous pass. Each row is checked by the domain's `planImport`; the
 * dedupe within the file is the same rule as there (the first accepted row with a phone or email keeps it;
 * a later accepted-looking row with it is a duplicate of that row, checked phone first), carried across rows.
 */
export class StreamingImportPlan {
  private readonly firstRowWith = new Map<string, number>();

  constructor(private readonly options: { readonly mayNameOwner: boolean; readonly phoneRegion?: string }) {}

  /** @param row 1-based position in the file */
  plan(raw: ImportRow, row: number): PlannedRow {
    const [planned] = planImport([raw], this.options);
    if (planned!.status !== 'candidate') return { ...planned!, row };
    const { phone, email } = planned!;
    const keys = [...(phone ? [['phone', contactKeyOf('phone', phone)] as const] : []), ...(email ? [['email', contactKeyOf('email', email)] as const] : [])];
    for (const [matchedOn, key] of keys) {
      const earlier = this.firstRowWith.get(key);
      if (earlier !== undefined) return { row, status: 'duplicate-in-file', duplicateOfRow: earlier, matchedOn };
    }
    for (const [, key] of keys) this.firstRowWith.set(key, row);
    return { ...planned!, row };
  }
}
