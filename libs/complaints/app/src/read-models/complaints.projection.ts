import type { Projection } from '@rapport/platform-eventsourcing';
import { COMPLAINT_STREAM_PREFIX, evolveComplaint, initialComplaintState, REFERENCE_STREAM_PREFIX, type ComplaintEvent, type ComplaintFacts, type ComplaintState } from '@rapport/complaints-domain';

export const COMPLAINTS = 'complaints';
export const CONCESSIONS = 'complaint_concessions';
/** K7: the few facts trends need of each complaint, small so a quarter of complaints reads fast. */
export const COMPLAINT_FACTS = 'complaint_facts';
export const COMPLAINTS_PROJECTION = 'complaints-board';

/**
 * One document per complaint, with the complaint's folded state (clocks, calendar, owner, breaches) and the
 * fields the queries filter and sort on. No free text: the customer's words stay in the (sealed) events (A5).
 * `boardKey` orders the SLA board: breached first, then by the instant the next deadline falls (the order in
 * which business time runs out), paused complaints (waiting on the customer) last.
 */
export interface ComplaintDoc {
  readonly id: string;
  readonly reference: string;
  readonly customerId: string;
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly open: boolean;
  readonly ownerId: string;
  readonly accountableId: string;
  readonly receivedAt: string;
  readonly closedAt: string | null;
  readonly breached: boolean;
  readonly nextDueAt: string | null;
  readonly boardKey: string;
  readonly rootCauseKind: string | null;
  readonly rootCauseCode: string | null;
  readonly responsibleTeamId: string | null;
  readonly concessions: number;
  readonly concessionTotal: number;
  readonly state: ComplaintState;
}

/** K7: a complaint as the trends see it (`id` is the complaint id). */
export type ComplaintFactsDoc = Omit<ComplaintFacts, 'complaintId'> & { readonly id: string };

export interface ConcessionDoc {
  readonly id: string;
  readonly customerId: string;
  readonly complaintId: string;
  readonly amount: number;
  readonly approvalId: string | null;
  readonly grantedBy: string;
  readonly grantedAt: string;
}

const nextDue = (s: ComplaintState): string | null =>
  [s.clocks.acknowledge?.dueAt, s.clocks.resolve?.dueAt].filter((d): d is string => typeof d === 'string').sort()[0] ?? null;

function docOf(id: string, s: ComplaintState, rootCauseCode: string | null): ComplaintDoc {
  const nextDueAt = nextDue(s);
  const breached = s.breached.length > 0;
  return {
    id,
    reference: s.reference!,
    customerId: s.customerId!,
    category: s.category!,
    severity: s.severity!,
    status: s.status,
    open: s.status !== 'closed',
    ownerId: s.ownerId!,
    accountableId: s.accountableId!,
    receivedAt: s.receivedAt!,
    closedAt: s.closedAt,
    breached,
    nextDueAt,
    boardKey: `${breached ? 0 : nextDueAt ? 1 : 2}|${nextDueAt ?? ''}`,
    rootCauseKind: s.rootCause?.kind ?? null,
    rootCauseCode,
    responsibleTeamId: s.rootCause?.responsibleTeamId ?? null,
    concessions: s.concessions.length,
    concessionTotal: s.concessions.reduce((sum, c) => sum + c.amount, 0),
    state: s,
  };
}

export const complaintsProjection: Projection = {
  name: COMPLAINTS_PROJECTION,
  version: 1,
  collections: [
    { name: COMPLAINTS, indexes: [['open', 'boardKey'], ['ownerId', 'open', 'boardKey'], ['accountableId', 'open'], ['customerId'], ['receivedAt']] },
    { name: CONCESSIONS, indexes: [['customerId']] },
    { name: COMPLAINT_FACTS, indexes: [['receivedAt']] },
  ],
  async apply(recorded, view) {
    const streamId = recorded.metadata.streamId;
    if (!streamId.startsWith(COMPLAINT_STREAM_PREFIX) || streamId.startsWith(REFERENCE_STREAM_PREFIX)) return;
    const event = { type: recorded.type, data: recorded.data } as ComplaintEvent;
    const id = streamId.slice(COMPLAINT_STREAM_PREFIX.length);
    const before = await view.get<ComplaintDoc>(COMPLAINTS, id);
    const state = evolveComplaint(before?.state ?? initialComplaintState(), event);
    const code = event.type === 'complaints.root-cause-recorded.v1' ? event.data.code : (before?.rootCauseCode ?? null);
    const doc = docOf(id, state, code);
    view.put<ComplaintDoc>(COMPLAINTS, doc);
    view.put<ComplaintFactsDoc>(COMPLAINT_FACTS, {
      id,
      customerId: doc.customerId,
      category: doc.category as ComplaintFacts['category'],
      receivedAt: doc.receivedAt,
      closedAt: doc.closedAt,
      breached: doc.breached,
      rootCause: state.rootCause && code !== null ? { kind: state.rootCause.kind, code } : null,
      concessions: doc.concessions,
    });
    if (event.type === 'complaints.concession-granted.v1') {
      const d = event.data;
      view.put<ConcessionDoc>(CONCESSIONS, { id: `${d.complaintId}/${d.concessionId}`, customerId: d.customerId, complaintId: d.complaintId, amount: d.amount, approvalId: d.approvalId, grantedBy: d.by, grantedAt: d.at });
    }
  },
};
