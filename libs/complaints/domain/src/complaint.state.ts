import { ALWAYS_OPEN, type BusinessCalendar } from '@rapport/platform-eventsourcing';
import type { SlaTargets } from './complaint.policy';
import type { ComplaintEvent, Deadlines } from './complaint.events';
import type { ComplaintCategory, ComplaintStatus, RootCauseKind, Severity } from './complaint.vocabulary';
import { businessMsBetween, leftAt, moveClock, pauseClock, restartClock, resumeClock, startClock, stopClock, type SlaClock, type SlaClockKind } from './sla-clock';

/** K3 metrics as ticketing tools define them, in the owning team's business time (milliseconds). */
export interface ComplaintMetrics {
  /** Received → first reply to the customer (the acknowledgement counts). */
  readonly firstReplyMs: number | null;
  /** After each customer reply, the time to the next reply to the customer. */
  readonly nextReplyMs: readonly number[];
  /** Time the customer waited on us: while not waiting on the customer and not yet proposed a resolution. */
  readonly requesterWaitMs: number;
  /** Work the agents logged on handling steps. */
  readonly agentWorkMinutes: number;
}

export interface ComplaintState {
  readonly status: ComplaintStatus;
  readonly complaintId: string | null;
  readonly reference: string | null;
  readonly customerId: string | null;
  readonly category: ComplaintCategory | null;
  readonly severity: Severity | null;
  readonly receivedAt: string | null;
  readonly ownerId: string | null;
  /** K2: the first receiver, accountable until the customer confirms, whoever owns the work now. */
  readonly accountableId: string | null;
  readonly teamId: string | null;
  readonly calendar: BusinessCalendar;
  readonly sla: SlaTargets | null;
  readonly acknowledged: boolean;
  readonly clocks: Readonly<Partial<Record<SlaClockKind, SlaClock>>>;
  readonly breached: readonly SlaClockKind[];
  readonly escalated: readonly SlaClockKind[];
  readonly rootCause: { readonly kind: RootCauseKind; readonly responsibleTeamId: string | null } | null;
  readonly approvals: Readonly<Record<string, { readonly maxAmount: number; readonly used: boolean }>>;
  readonly concessions: readonly { readonly concessionId: string; readonly amount: number }[];
  readonly closedAt: string | null;
  readonly reopenings: number;
  readonly metrics: ComplaintMetrics;
  readonly awaitingReplySince: string | null;
  readonly requesterWaitingSince: string | null;
}

export const initialComplaintState = (): ComplaintState => ({
  status: 'none',
  complaintId: null,
  reference: null,
  customerId: null,
  category: null,
  severity: null,
  receivedAt: null,
  ownerId: null,
  accountableId: null,
  teamId: null,
  calendar: ALWAYS_OPEN,
  sla: null,
  acknowledged: false,
  clocks: {},
  breached: [],
  escalated: [],
  rootCause: null,
  approvals: {},
  concessions: [],
  closedAt: null,
  reopenings: 0,
  metrics: { firstReplyMs: null, nextReplyMs: [], requesterWaitMs: 0, agentWorkMinutes: 0 },
  awaitingReplySince: null,
  requesterWaitingSince: null,
});

type ClockStep = (calendar: BusinessCalendar, clock: SlaClock, at: string) => SlaClock;
const eachClock = (s: ComplaintState, step: ClockStep, at: string, only?: SlaClockKind): ComplaintState['clocks'] => {
  const clocks: Partial<Record<SlaClockKind, SlaClock>> = { ...s.clocks };
  for (const kind of ['acknowledge', 'resolve'] as const) {
    const clock = s.clocks[kind];
    if (clock && (only === undefined || only === kind)) clocks[kind] = step(s.calendar, clock, at);
  }
  return clocks;
};

const business = (s: ComplaintState, from: string, to: string): number => Math.max(0, businessMsBetween(s.calendar, from, to));

/** A reply to the customer: the first one sets the first reply time, later ones answer the customer's last reply. */
function replied(s: ComplaintState, at: string): ComplaintState {
  const m = s.metrics;
  if (m.firstReplyMs === null) return { ...s, awaitingReplySince: null, metrics: { ...m, firstReplyMs: business(s, s.receivedAt!, at) } };
  if (s.awaitingReplySince === null) return s;
  return { ...s, awaitingReplySince: null, metrics: { ...m, nextReplyMs: [...m.nextReplyMs, business(s, s.awaitingReplySince, at)] } };
}

/** The customer stops waiting on us (we wait on them, or a resolution is proposed): bank the wait. */
function requesterStopsWaiting(s: ComplaintState, at: string): ComplaintState {
  if (s.requesterWaitingSince === null) return s;
  return { ...s, requesterWaitingSince: null, metrics: { ...s.metrics, requesterWaitMs: s.metrics.requesterWaitMs + business(s, s.requesterWaitingSince, at) } };
}

const customerSpoke = (s: ComplaintState, at: string): ComplaintState => ({
  ...s,
  awaitingReplySince: s.metrics.firstReplyMs === null ? s.awaitingReplySince : at,
  requesterWaitingSince: at,
});

const openStatus = (s: ComplaintState): ComplaintStatus => (s.acknowledged ? 'acknowledged' : 'received');

export function evolveComplaint(s: ComplaintState, event: ComplaintEvent): ComplaintState {
  switch (event.type) {
    case 'complaints.complaint-received.v1': {
      const d = event.data;
      return {
        ...s,
        status: 'received',
        complaintId: d.complaintId,
        reference: d.reference,
        customerId: d.customerId,
        category: d.category,
        severity: d.severity,
        receivedAt: d.at,
        ownerId: d.receivedBy,
        accountableId: d.receivedBy,
        teamId: d.teamId,
        calendar: d.calendar,
        sla: d.sla,
        clocks: { acknowledge: startClock(d.calendar, 'acknowledge', d.sla.acknowledgeMs, d.at), resolve: startClock(d.calendar, 'resolve', d.sla.resolveMs, d.at) },
        awaitingReplySince: d.at,
        requesterWaitingSince: d.at,
      };
    }
    case 'complaints.complaint-acknowledged.v1': {
      const at = event.data.at;
      return replied({ ...s, status: s.status === 'received' ? 'acknowledged' : s.status, acknowledged: true, clocks: eachClock(s, stopClock, at, 'acknowledge') }, at);
    }
    case 'complaints.handling-step-recorded.v1': {
      const d = event.data;
      const worked = { ...s, metrics: { ...s.metrics, agentWorkMinutes: s.metrics.agentWorkMinutes + d.workMinutes } };
      return d.replyToCustomer ? replied(worked, d.at) : worked;
    }
    case 'complaints.customer-awaited.v1': {
      const at = event.data.at;
      return requesterStopsWaiting(replied({ ...s, status: 'waiting-on-customer', clocks: eachClock(s, pauseClock, at) }, at), at);
    }
    case 'complaints.customer-replied.v1': {
      const at = event.data.at;
      return customerSpoke({ ...s, status: openStatus(s), clocks: eachClock(s, resumeClock, at) }, at);
    }
    case 'complaints.complaint-transferred.v1': {
      const d = event.data;
      const clocks = eachClock(s, (from, clock, at) => moveClock(from, d.calendar, clock, at), d.at);
      return { ...s, ownerId: d.toOwnerId, teamId: d.toTeamId, calendar: d.calendar, clocks };
    }
    case 'complaints.root-cause-recorded.v1':
      return { ...s, rootCause: { kind: event.data.kind, responsibleTeamId: event.data.responsibleTeamId } };
    case 'complaints.concession-approved.v1':
      return { ...s, approvals: { ...s.approvals, [event.data.approvalId]: { maxAmount: event.data.maxAmount, used: false } } };
    case 'complaints.concession-granted.v1': {
      const d = event.data;
      const approvals = d.approvalId && s.approvals[d.approvalId] ? { ...s.approvals, [d.approvalId]: { ...s.approvals[d.approvalId]!, used: true } } : s.approvals;
      return { ...s, approvals, concessions: [...s.concessions, { concessionId: d.concessionId, amount: d.amount }] };
    }
    case 'complaints.resolution-proposed.v1': {
      const at = event.data.at;
      // Proposing a resolution meets the resolve clock (and the acknowledge clock, if still running).
      const stopped = { ...s, status: 'resolution-proposed' as const, acknowledged: true, clocks: eachClock(s, stopClock, at) };
      return requesterStopsWaiting(replied(stopped, at), at);
    }
    case 'complaints.resolution-confirmed.v1':
      return { ...s, status: 'closed', closedAt: event.data.at };
    case 'complaints.complaint-reopened.v1': {
      const at = event.data.at;
      return customerSpoke({ ...s, status: openStatus(s), reopenings: s.reopenings + 1, clocks: eachClock(s, restartClock, at, 'resolve') }, at);
    }
    case 'complaints.sla-breached.v1':
      return { ...s, breached: [...s.breached, event.data.clock] };
    case 'complaints.complaint-escalated.v1':
      return { ...s, escalated: [...s.escalated, event.data.clock] };
    case 'complaints.deadlines-changed.v1':
      return s;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** K3: every deadline of the complaint, not only the nearest (null: met, paused or not started). */
export const deadlinesOf = (s: ComplaintState): Deadlines => ({
  acknowledgeBy: s.clocks.acknowledge?.dueAt ?? null,
  resolveBy: s.clocks.resolve?.dueAt ?? null,
});

/** K3: one deadline of a complaint as it stands at an instant, every one shown. */
export interface ClockStanding {
  readonly clock: SlaClockKind;
  readonly state: 'running' | 'paused' | 'met';
  /** The deadline while running; null when paused or met. */
  readonly dueAt: string | null;
  /** Business time left at the instant on the owning team's calendar (negative: overdue); null when met. */
  readonly businessTimeLeftMs: number | null;
  readonly breached: boolean;
}

/** K3: the complaint's clocks at `at` (ISO instant): acknowledge, then resolve, those that were started. */
export function clocksAt(s: ComplaintState, at: string): ClockStanding[] {
  return (['acknowledge', 'resolve'] as const).flatMap((kind): ClockStanding[] => {
    const clock = s.clocks[kind];
    if (!clock) return [];
    const state = clock.stoppedAt !== null ? 'met' : clock.runningSince !== null ? 'running' : 'paused';
    return [{ clock: kind, state, dueAt: clock.dueAt, businessTimeLeftMs: state === 'met' ? null : leftAt(s.calendar, clock, at), breached: s.breached.includes(kind) }];
  });
}
