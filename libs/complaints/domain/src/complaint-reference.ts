import { DomainError, type Decider, type DomainEvent } from '@rapport/platform-eventsourcing';

/**
 * K1: every complaint gets a reference the customer can quote, `K-<year>-<6 digits>`, numbered per year.
 * The numbers come from one counter stream per year (`complaint-references-2026`), appended with the expected
 * version, so two intakes never get the same number. A reference reserved for an intake that then fails is
 * skipped, never reused.
 */
export type ReferenceReserved = DomainEvent<'complaints.reference-reserved.v1', { readonly complaintId: string; readonly reference: string; readonly sequence: number; readonly at: string }>;

export interface ReserveReference {
  readonly type: 'reserve-reference';
  readonly complaintId: string;
  readonly now: Date;
}

export interface ReferenceCounter {
  readonly year: number | null;
  readonly last: number;
}

export const referenceOf = (year: number, sequence: number): string => `K-${year}-${String(sequence).padStart(6, '0')}`;
export const referenceStreamId = (year: number): string => `complaint-references-${year}`;
export const REFERENCE_STREAM_PREFIX = 'complaint-references-';

export const referenceDecider: Decider<ReserveReference, ReferenceReserved, ReferenceCounter> = {
  initialState: () => ({ year: null, last: 0 }),
  decide: (c, s) => {
    const year = c.now.getUTCFullYear();
    if (s.year !== null && s.year !== year) throw new DomainError('conflict', 'wrong-year', `this counter numbers ${s.year}`, 'K1');
    const sequence = s.last + 1;
    if (sequence > 999_999) throw new DomainError('conflict', 'references-exhausted', `no reference left for ${year}`, 'K1');
    return [{ type: 'complaints.reference-reserved.v1', data: { complaintId: c.complaintId, reference: referenceOf(year, sequence), sequence, at: c.now.toISOString() } }];
  },
  evolve: (_s, e) => ({ year: Number(e.data.reference.slice(2, 6)), last: e.data.sequence }),
};
