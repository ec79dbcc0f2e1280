import type { Clock, ReadModelStore } from '@rapport/platform-eventsourcing';
import { clocksAt, trendsOf, type ClockStanding, type ComplaintFacts, type ComplaintPolicy, type ComplaintState, type Trends } from '@rapport/complaints-domain';
import { COMPLAINT_FACTS, COMPLAINTS, CONCESSIONS, type ComplaintDoc, type ComplaintFactsDoc, type ConcessionDoc } from './read-models/complaints.projection';

/** K3: one deadline of a complaint, every one shown. */
export type DeadlineView = ClockStanding;

export interface ComplaintView {
  readonly complaintId: string;
  readonly reference: string;
  readonly customerId: string;
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly ownerId: string;
  readonly accountableId: string;
  readonly receivedAt: string;
  readonly closedAt: string | null;
  readonly breached: boolean;
  readonly deadlines: readonly DeadlineView[];
  readonly rootCause: { readonly kind: string; readonly code: string | null; readonly responsibleTeamId: string | null } | null;
  readonly concessions: number;
  readonly concessionTotal: number;
  /** K3 metrics in business time: first reply, next replies, requester wait (ms), agent work (minutes). */
  readonly metrics: ComplaintState['metrics'];
}

export interface CustomerComplaintsView {
  readonly customerId: string;
  readonly complaints: readonly ComplaintView[];
  readonly concessions: readonly { readonly complaintId: string; readonly concessionId: string; readonly amount: number; readonly approvalId: string | null; readonly grantedBy: string; readonly grantedAt: string }[];
  readonly concessionTotal: number;
  /** K6: most of her complaints ended in a concession (with at least the policy's minimum of complaints). */
  readonly mostlyConcessions: boolean;
}

const BOARD_MAX = 500;

/** The queries of the complaints service, all answered from its read model (never from the streams). */
export class ComplaintsQueries {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly clock: Clock,
    private readonly policy: ComplaintPolicy,
  ) {}

  viewOf(doc: ComplaintDoc, now = this.clock.now().toISOString()): ComplaintView {
    const s = doc.state;
    return {
      complaintId: doc.id,
      reference: doc.reference,
      customerId: doc.customerId,
      category: doc.category,
      severity: doc.severity,
      status: doc.status,
      ownerId: doc.ownerId,
      accountableId: doc.accountableId,
      receivedAt: doc.receivedAt,
      closedAt: doc.closedAt,
      breached: doc.breached,
      deadlines: clocksAt(s, now),
      rootCause: doc.rootCauseKind ? { kind: doc.rootCauseKind, code: doc.rootCauseCode, responsibleTeamId: doc.responsibleTeamId } : null,
      concessions: doc.concessions,
      concessionTotal: doc.concessionTotal,
      metrics: s.metrics,
    };
  }

  async complaint(complaintId: string): Promise<ComplaintView | undefined> {
    const doc = await this.readModels.get<ComplaintDoc>(COMPLAINTS, complaintId);
    return doc && this.viewOf(doc);
  }

  /**
   * K3: the SLA board — open complaints, breached first, then by the instant their next deadline falls (the
   * order in which business time runs out), those waiting on the customer last. One indexed, limited read:
   * its cost does not grow with the number of open complaints.
   */
  async slaBoard(limit = 50, offset = 0): Promise<ComplaintView[]> {
    const docs = await this.readModels.find<ComplaintDoc>(COMPLAINTS, { where: { open: true }, orderBy: [{ field: 'boardKey' }], limit: Math.min(limit, BOARD_MAX), offset });
    const now = this.clock.now().toISOString();
    return docs.map((d) => this.viewOf(d, now));
  }

  /** K2: a rep's queue — what she owns, and what she handed over but stays accountable for. */
  async queue(personId: string): Promise<{ readonly owned: ComplaintView[]; readonly accountable: ComplaintView[] }> {
    const now = this.clock.now().toISOString();
    const owned = await this.readModels.find<ComplaintDoc>(COMPLAINTS, { where: { ownerId: personId, open: true }, orderBy: [{ field: 'boardKey' }], limit: BOARD_MAX });
    const accountable = await this.readModels.find<ComplaintDoc>(COMPLAINTS, { where: { accountableId: personId, open: true }, limit: BOARD_MAX });
    return { owned: owned.map((d) => this.viewOf(d, now)), accountable: accountable.filter((d) => d.ownerId !== personId).map((d) => this.viewOf(d, now)) };
  }

  /** K4, K6: a customer's complaints with every concession granted her. */
  async customer(customerId: string): Promise<CustomerComplaintsView> {
    const docs = await this.readModels.find<ComplaintDoc>(COMPLAINTS, { where: { customerId }, orderBy: [{ field: 'receivedAt' }], limit: 1_000 });
    const concessions = await this.readModels.find<ConcessionDoc>(CONCESSIONS, { where: { customerId }, orderBy: [{ field: 'grantedAt' }], limit: 1_000 });
    const withConcession = docs.filter((d) => d.concessions > 0).length;
    return {
      customerId,
      complaints: docs.map((d) => this.viewOf(d)),
      concessions: concessions.map((c) => ({ complaintId: c.complaintId, concessionId: c.id.slice(c.complaintId.length + 1), amount: c.amount, approvalId: c.approvalId, grantedBy: c.grantedBy, grantedAt: c.grantedAt })),
      concessionTotal: concessions.reduce((sum, c) => sum + c.amount, 0),
      mostlyConcessions: docs.length >= this.policy.concessionWatchMinComplaints && withConcession * 2 > docs.length,
    };
  }

  /** K7: trends over the complaints received in [from, to), from the small per-complaint facts. */
  async trends(from: string, to: string): Promise<Trends & { readonly from: string; readonly to: string }> {
    const docs = await this.readModels.find<ComplaintFactsDoc>(COMPLAINT_FACTS, { where: { receivedAt: { gte: from, lt: to } } });
    return { from, to, ...trendsOf(docs.map(({ id, ...facts }): ComplaintFacts => ({ complaintId: id, ...facts })), this.policy) };
  }
}
