import type { EventStore, RecordedEvent } from '@rapport/platform-eventsourcing';
import { clocksAt, COMPLAINT_STREAM_PREFIX, evolveComplaint, initialComplaintState, REFERENCE_STREAM_PREFIX, type ClockStanding, type ComplaintEvent, type ComplaintState } from '@rapport/complaints-domain';
import { customerStreamId, evolveCustomer, initialCustomerState, type CustomerEvent } from '@rapport/customers-domain';
import { evolveCustomerFeedback, feedbackStreamId, initialCustomerFeedbackState, type CustomerFeedbackEvent, type NpsCategory, type SurveyStatus, type SurveyTrigger, type WhyCategory } from '@rapport/feedback-domain';
import { evolveGate, gateStreamId, initialGateState, pressureCounts, type GateDecision, type GateEvent, type PressureCounts } from '@rapport/sales-gating-domain';

/** Where each part of the answer stands in its service's store (each service has its own global order). */
export interface Standing {
  readonly service: string;
  /** The position of the last event of hers folded in: recorded at or before the instant (0: none). */
  readonly position: number;
  /** The position of her first event recorded after the instant (what the answer leaves out), null if none yet. */
  readonly nextPosition: number | null;
}

export interface CardThen {
  readonly customerId: string;
  readonly status: 'active' | 'merged';
  readonly mergedInto: string | null;
  readonly name: string | null;
  readonly company: string | null;
  readonly registeredAt: string;
  readonly ownerId: string;
  readonly ownerSince: string;
  readonly collaboratorIds: readonly string[];
  readonly stage: string | null;
  readonly tier: string | null;
  readonly grade: string | null;
  readonly erasedAt: string | null;
}

export interface GateThen {
  readonly ownerId: string | null;
  readonly collaboratorIds: readonly string[];
  /** G7: the decision in force, with its reasons (each naming the published events behind it); null before the first. */
  readonly decision: GateDecision | null;
  readonly latestNps: number | null;
  readonly share: number | null;
  readonly openComplaints: readonly string[];
  /** G5 counts as they stood at the instant. */
  readonly counts: PressureCounts;
}

export interface ComplaintThen {
  readonly complaintId: string;
  readonly reference: string;
  readonly customerId: string;
  readonly category: string;
  readonly severity: string;
  /** The stage: received, acknowledged, waiting-on-customer, resolution-proposed, closed. */
  readonly status: string;
  readonly open: boolean;
  readonly ownerId: string;
  readonly accountableId: string;
  readonly receivedAt: string;
  readonly closedAt: string | null;
  readonly breached: boolean;
  readonly deadlines: readonly ClockStanding[];
  readonly rootCause: { readonly kind: string; readonly code: string | null; readonly responsibleTeamId: string | null } | null;
  readonly concessions: number;
  readonly concessionTotal: number;
  readonly metrics: ComplaintState['metrics'];
}

export interface NpsAnswerThen {
  readonly surveyId: string;
  readonly answeredAt: string;
  readonly score: number;
  readonly category: NpsCategory;
  readonly categories: readonly WhyCategory[];
}

export interface SurveyThen {
  readonly surveyId: string;
  readonly status: SurveyStatus;
  readonly trigger: SurveyTrigger;
  readonly sentAt: string | null;
  readonly expiresAt: string | null;
}

export interface CustomerAsOf {
  readonly customerId: string;
  /** The instant asked about. */
  readonly asOf: string;
  readonly card: Standing & { readonly card: CardThen | null };
  readonly gate: Standing & { readonly gate: GateThen | null };
  readonly complaints: Standing & { readonly complaints: readonly ComplaintThen[] };
  readonly nps: Standing & { readonly category: NpsCategory | null; readonly answers: readonly NpsAnswerThen[]; readonly surveys: readonly SurveyThen[] };
}

/** The services' stores the answer is folded from, by service name. */
export type StoreOf = (service: string) => Promise<EventStore>;

export const AS_OF_SERVICES = { customers: 'customers', gating: 'sales-gating', complaints: 'complaints', feedback: 'feedback' } as const;

/** The events of one stream recorded at or before the instant (a stream's events are in order), and where that stands. */
function upTo<E extends RecordedEvent>(events: readonly E[], instant: string): { readonly folded: E[]; readonly position: number; readonly nextPosition: number | null } {
  const cut = events.findIndex((e) => e.metadata.recordedAt > instant);
  const folded = cut < 0 ? [...events] : events.slice(0, cut);
  return { folded, position: folded.at(-1)?.metadata.globalPosition ?? 0, nextPosition: cut < 0 ? null : events[cut]!.metadata.globalPosition };
}

const domainEvent = <E>(e: RecordedEvent): E => ({ type: e.type, data: e.data }) as E;

async function cardThen(store: EventStore, customerId: string, instant: string): Promise<CustomerAsOf['card']> {
  const { folded, position, nextPosition } = upTo(await store.readStream(customerStreamId(customerId)), instant);
  const s = folded.reduce((state, e) => evolveCustomer(state, domainEvent<CustomerEvent>(e)), initialCustomerState());
  const card: CardThen | null =
    s.status === 'unregistered'
      ? null
      : {
          customerId,
          status: s.status,
          mergedInto: s.mergedInto?.survivorId ?? null,
          name: s.card.name ?? null,
          company: s.card.company,
          registeredAt: s.registeredAt,
          ownerId: s.ownerId,
          ownerSince: s.ownerSince,
          collaboratorIds: [...s.collaborators],
          stage: s.stage,
          tier: s.tier,
          grade: s.grade,
          erasedAt: s.erasedAt ?? null,
        };
  return { service: AS_OF_SERVICES.customers, position, nextPosition, card };
}

async function gateThen(store: EventStore, customerId: string, at: Date): Promise<CustomerAsOf['gate']> {
  const { folded, position, nextPosition } = upTo(await store.readStream(gateStreamId(customerId)), at.toISOString());
  const s = folded.reduce((state, e) => evolveGate(state, domainEvent<GateEvent>(e)), initialGateState());
  const gate: GateThen | null =
    folded.length === 0
      ? null
      : {
          ownerId: s.ownerId,
          collaboratorIds: [...s.collaboratorIds],
          decision: s.decision,
          latestNps: s.latestNps?.score ?? null,
          share: s.share?.value ?? null,
          openComplaints: Object.keys(s.openComplaints),
          counts: pressureCounts(s, at),
        };
  return { service: AS_OF_SERVICES.gating, position, nextPosition, gate };
}

function complaintView(s: ComplaintState, rootCauseCode: string | null, instant: string): ComplaintThen {
  return {
    complaintId: s.complaintId!,
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
    breached: s.breached.length > 0,
    deadlines: clocksAt(s, instant),
    rootCause: s.rootCause ? { kind: s.rootCause.kind, code: rootCauseCode, responsibleTeamId: s.rootCause.responsibleTeamId } : null,
    concessions: s.concessions.length,
    concessionTotal: s.concessions.reduce((sum, c) => sum + c.amount, 0),
    metrics: s.metrics,
  };
}

/**
 * Her complaints: the complaints store read in its global order (a complaint's stream is named by the complaint,
 * not the customer), each of her complaint streams folded up to the instant.
 */
async function complaintsThen(store: EventStore, customerId: string, instant: string, pageSize = 2_000): Promise<CustomerAsOf['complaints']> {
  const hers = new Map<string, { state: ComplaintState; code: string | null; cut: boolean }>();
  let position = 0;
  let nextPosition: number | null = null;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: pageSize, streamPrefixes: [COMPLAINT_STREAM_PREFIX] });
    if (page.length === 0) break;
    for (const e of page) {
      const streamId = e.metadata.streamId;
      if (streamId.startsWith(REFERENCE_STREAM_PREFIX)) continue;
      const event = domainEvent<ComplaintEvent>(e);
      if (event.type === 'complaints.complaint-received.v1' && event.data.customerId === customerId) hers.set(streamId, { state: initialComplaintState(), code: null, cut: false });
      const complaint = hers.get(streamId);
      if (!complaint || complaint.cut) continue;
      if (e.metadata.recordedAt > instant) {
        complaint.cut = true;
        nextPosition ??= e.metadata.globalPosition;
        continue;
      }
      complaint.state = evolveComplaint(complaint.state, event);
      if (event.type === 'complaints.root-cause-recorded.v1') complaint.code = event.data.code;
      position = e.metadata.globalPosition;
    }
    after = page[page.length - 1]!.metadata.globalPosition;
  }
  const complaints = [...hers.values()]
    .filter((c) => c.state.status !== 'none')
    .map((c) => complaintView(c.state, c.code, instant))
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.complaintId.localeCompare(b.complaintId));
  return { service: AS_OF_SERVICES.complaints, position, nextPosition, complaints };
}

async function npsThen(store: EventStore, customerId: string, instant: string): Promise<CustomerAsOf['nps']> {
  const { folded, position, nextPosition } = upTo(await store.readStream(feedbackStreamId(customerId)), instant);
  const events = folded.map((e) => domainEvent<CustomerFeedbackEvent>(e));
  const s = events.reduce(evolveCustomerFeedback, initialCustomerFeedbackState());
  const answers = events.flatMap((e): NpsAnswerThen[] =>
    e.type === 'feedback.survey-answered.v1' ? [{ surveyId: e.data.surveyId, answeredAt: e.data.answeredAt, score: e.data.score, category: e.data.category, categories: [...e.data.categories] }] : [],
  );
  const surveys = Object.entries(s.surveys).map(([surveyId, r]): SurveyThen => ({ surveyId, status: r.status, trigger: r.trigger, sentAt: r.sentAt, expiresAt: r.expiresAt }));
  return { service: AS_OF_SERVICES.feedback, position, nextPosition, category: s.sentiment, answers, surveys };
}

/**
 * A3: one customer's card (owner), gate (status and reasons), complaints (open or closed, stage) and NPS answers
 * as they stood at a moment — her recorded events with recordedAt at or before it, folded with the services' own
 * pure evolve functions and read the way their live queries read them — each part naming the position in its
 * service's store it stands at. Personal fields of an erased customer read as erased (A5), as everywhere.
 */
export async function customerAsOf(storeOf: StoreOf, customerId: string, at: Date): Promise<CustomerAsOf> {
  const instant = at.toISOString();
  const [card, gate, complaints, nps] = await Promise.all([
    storeOf(AS_OF_SERVICES.customers).then((s) => cardThen(s, customerId, instant)),
    storeOf(AS_OF_SERVICES.gating).then((s) => gateThen(s, customerId, at)),
    storeOf(AS_OF_SERVICES.complaints).then((s) => complaintsThen(s, customerId, instant)),
    storeOf(AS_OF_SERVICES.feedback).then((s) => npsThen(s, customerId, instant)),
  ]);
  return { customerId, asOf: instant, card, gate, complaints, nps };
}
