import { deciderSpec } from '@rapport/platform-testing';
import { referenceDecider, referenceOf, type ReferenceReserved } from './complaint-reference';

const spec = deciderSpec(referenceDecider);
const now = new Date('2026-03-02T09:00:00.000Z');
const reserved = (sequence: number, complaintId = `k-${sequence}`): ReferenceReserved => ({
  type: 'complaints.reference-reserved.v1',
  data: { complaintId, reference: referenceOf(2026, sequence), sequence, at: now.toISOString() },
});

describe('complaint references (K1)', () => {
  it('K1: references count up per year, six digits, e.g. K-2026-000123', () => {
    expect(referenceOf(2026, 123)).toBe('K-2026-000123');
    spec.given([]).when({ type: 'reserve-reference', complaintId: 'k-1', now }).then([reserved(1)]);
    spec.given([reserved(1), reserved(2)]).when({ type: 'reserve-reference', complaintId: 'k-3', now }).then([reserved(3)]);
  });

  it("K1: a year's counter does not number another year", () => {
    spec.given([reserved(1)]).when({ type: 'reserve-reference', complaintId: 'k-2', now: new Date('2027-01-01T00:00:00.000Z') }).thenThrows({ rule: 'K1', code: 'wrong-year' });
  });
});
