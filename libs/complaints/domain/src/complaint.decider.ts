import { DomainError, type Decider } from '@rapport/platform-eventsourcing';
import { calendarProblems } from '@rapport/platform-eventsourcing';
import { isManager, requireCustomerVoice, requireOpen, requireOwner, requireOwnerOrAccountable } from './complaint.access';
import type {
  ApproveConcession,
  ComplaintCommand,
  GrantConcession,
  ReceiveComplaint,
  RejectResolution,
  TransferComplaint,
} from './complaint.commands';
import type { ComplaintEvent } from './complaint.events';
import { defaultComplaintPolicy, slaTargetsOf, type ComplaintPolicy } from './complaint.policy';
import { deadlinesOf, evolveComplaint, initialComplaintState, type ComplaintState } from './complaint.state';
import { isOverdue } from './sla-clock';

export const REFERENCE = /^K-\d{4}-\d{6}$/;

const text = (value: string, field: string, rule: string): string => {
  const trimmed = value.trim();
  if (trimmed === '') throw new DomainError('rule_violation', `${field}-required`, `${field} must not be empty`, rule);
  return trimmed;
};

function decideReceive(c: ReceiveComplaint, s: ComplaintState, policy: ComplaintPolicy): ComplaintEvent[] {
  if (s.status !== 'none') throw new DomainError('conflict', 'complaint-exists', `complaint ${s.reference} was received already`, 'K1');
  if (!REFERENCE.test(c.reference)) throw new DomainError('rule_violation', 'invalid-reference', `${c.reference} is not a reference like K-2026-000123`, 'K1');
  if (!c.receiver.known || !c.receiver.active) {
    throw new DomainError('rule_violation', 'receiver-not-active', `${c.receivedBy} is not an active person of the directory`, 'D1', { receivedBy: c.receivedBy });
  }
  const problems = calendarProblems(c.calendar);
  if (problems.length > 0) throw new DomainError('rule_violation', 'invalid-calendar', `the team calendar is unusable: ${problems.join('; ')}`, 'D1');
  const at = c.now.toISOString();
  const received: ComplaintEvent = {
    type: 'complaints.complaint-received.v1',
    data: {
      complaintId: c.complaintId,
      reference: c.reference,
      customerId: c.customerId,
      channel: c.channel,
      category: c.category,
      severity: c.severity,
      description: text(c.description, 'description', 'K1'),
      remedySought: c.remedySought.trim(),
      source: c.source,
      receivedBy: c.receivedBy,
      teamId: c.receiver.teamId,
      calendar: c.calendar,
      sla: slaTargetsOf(policy, c.severity),
      deadlines: { acknowledgeBy: null, resolveBy: null },
      at,
    },
  };
  const deadlines = deadlinesOf(evolveComplaint(s, received));
  return [{ ...received, data: { ...received.data, deadlines } }];
}

function decideTransfer(c: TransferComplaint, s: ComplaintState): ComplaintEvent[] {
  requireOwnerOrAccountable(s, c.actor);
  if (c.reason.trim() === '') throw new DomainError('rule_violation', 'transfer-reason-required', 'a transfer needs a reason (no bouncing)', 'K2');
  if (!c.toOwner.known || !c.toOwner.active) {
    throw new DomainError('rule_violation', 'transfer-target-not-active', `${c.toOwnerId} is not an active person of the directory`, 'D1', { toOwnerId: c.toOwnerId });
  }
  if (c.toOwnerId === s.ownerId) throw new DomainError('rule_violation', 'already-owner', `${c.toOwnerId} owns the complaint already`, 'K2');
  const problems = calendarProblems(c.toCalendar);
  if (problems.length > 0) throw new DomainError('rule_violation', 'invalid-calendar', `the team calendar is unusable: ${problems.join('; ')}`, 'D1');
  return [
    {
      type: 'complaints.complaint-transferred.v1',
      data: {
        complaintId: s.complaintId!,
        customerId: s.customerId!,
        reference: s.reference!,
        fromOwnerId: s.ownerId!,
        toOwnerId: c.toOwnerId,
        toTeamId: c.toOwner.teamId,
        accountableId: s.accountableId!,
        reason: c.reason.trim(),
        calendar: c.toCalendar,
        by: c.actor.id,
        at: c.now.toISOString(),
      },
    },
  ];
}

function decideApprove(c: ApproveConcession, s: ComplaintState): ComplaintEvent[] {
  if (!isManager(c.actor)) throw new DomainError('forbidden', 'manager-approval-required', 'only a manager approves a concession', 'K6');
  if (!(c.maxAmount > 0)) throw new DomainError('rule_violation', 'invalid-amount', 'an approval is for a positive amount', 'K6');
  if (s.approvals[c.approvalId]) throw new DomainError('conflict', 'approval-exists', `approval ${c.approvalId} was given already`, 'K6');
  return [
    {
      type: 'complaints.concession-approved.v1',
      data: { complaintId: s.complaintId!, customerId: s.customerId!, approvalId: c.approvalId, maxAmount: c.maxAmount, reason: text(c.reason, 'reason', 'K6'), by: c.actor.id, at: c.now.toISOString() },
    },
  ];
}

/**
 * K6: above the threshold, or when the customer caused the problem (K4: concessions are not owed), a
 * concession needs a manager's approval first, for at least its amount, used once.
 */
function decideGrant(c: GrantConcession, s: ComplaintState, policy: ComplaintPolicy): ComplaintEvent[] {
  requireOwner(s, c.actor);
  if (!(c.amount > 0)) throw new DomainError('rule_violation', 'invalid-amount', 'a concession has a positive amount', 'K6');
  if (s.concessions.some((x) => x.concessionId === c.concessionId)) throw new DomainError('conflict', 'concession-exists', `concession ${c.concessionId} was granted already`, 'K6');
  const customerCaused = s.rootCause?.kind === 'customer-caused';
  const needsApproval = c.amount > policy.concessionApprovalAbove || customerCaused;
  const approval = c.approvalId === null ? undefined : s.approvals[c.approvalId];
  if (c.approvalId !== null && (!approval || approval.used)) {
    throw new DomainError('rule_violation', 'approval-not-usable', `approval ${c.approvalId} does not exist or was used`, 'K6');
  }
  if (needsApproval && (!approval || approval.maxAmount < c.amount)) {
    const why = customerCaused ? 'the customer caused the problem, so a concession is not owed' : `above ${policy.concessionApprovalAbove}`;
    throw new DomainError('rule_violation', 'concession-needs-approval', `a concession of ${c.amount} needs a manager's approval first (${why})`, 'K6', {
      threshold: policy.concessionApprovalAbove,
    });
  }
  return [
    {
      type: 'complaints.concession-granted.v1',
      data: {
        complaintId: s.complaintId!,
        customerId: s.customerId!,
        concessionId: c.concessionId,
        amount: c.amount,
        description: text(c.description, 'description', 'K6'),
        approvalId: c.approvalId,
        policyVersion: policy.version,
        by: c.actor.id,
        at: c.now.toISOString(),
      },
    },
  ];
}

function decideReject(c: RejectResolution, s: ComplaintState): ComplaintEvent[] {
  requireCustomerVoice(s, c.actor);
  if (s.status !== 'resolution-proposed') throw new DomainError('conflict', 'no-resolution-proposed', 'there is no proposed resolution to reject', 'K5');
  // K5: reopened with the same owner; nobody else picks it up.
  return [{ type: 'complaints.complaint-reopened.v1', data: { complaintId: s.complaintId!, customerId: s.customerId!, ownerId: s.ownerId!, recordedBy: c.actor.id, reason: text(c.reason, 'reason', 'K5'), at: c.now.toISOString() } }];
}

/** The events a command causes directly, before the SLA clocks are looked at. */
function decideDirect(c: ComplaintCommand, s: ComplaintState, policy: ComplaintPolicy): ComplaintEvent[] {
  if (c.type === 'receive-complaint') return decideReceive(c, s, policy);
  // A timer changes nothing by itself: the clocks are looked at below, as after any command.
  if (c.type === 'check-sla') return [];
  requireOpen(s);
  const ids = { complaintId: s.complaintId!, customerId: s.customerId! };
  const at = c.now.toISOString();
  const by = c.actor.id;
  switch (c.type) {
    case 'acknowledge-complaint':
      requireOwner(s, c.actor);
      if (s.acknowledged) return [];
      return [{ type: 'complaints.complaint-acknowledged.v1', data: { ...ids, ownerId: s.ownerId!, by, message: c.message.trim(), withinSla: !isOverdue(s.calendar, s.clocks.acknowledge!, at), at } }];
    case 'record-handling-step':
      requireOwner(s, c.actor);
      if (!Number.isInteger(c.workMinutes) || c.workMinutes < 0) throw new DomainError('rule_violation', 'invalid-work-minutes', 'work minutes are a whole number, 0 or more', 'K4');
      return [{ type: 'complaints.handling-step-recorded.v1', data: { ...ids, by, note: text(c.note, 'note', 'K4'), replyToCustomer: c.replyToCustomer, workMinutes: c.workMinutes, at } }];
    case 'await-customer':
      requireOwner(s, c.actor);
      if (s.status === 'waiting-on-customer' || s.status === 'resolution-proposed') throw new DomainError('conflict', 'already-waiting', `the complaint is ${s.status}`, 'K3');
      return [{ type: 'complaints.customer-awaited.v1', data: { ...ids, by, question: text(c.question, 'question', 'K3'), at } }];
    case 'record-customer-reply':
      requireCustomerVoice(s, c.actor);
      if (s.status !== 'waiting-on-customer') throw new DomainError('conflict', 'not-waiting-on-customer', 'the complaint is not waiting on the customer', 'K3');
      return [{ type: 'complaints.customer-replied.v1', data: { ...ids, recordedBy: by, summary: text(c.summary, 'summary', 'K3'), at } }];
    case 'transfer-complaint':
      return decideTransfer(c, s);
    case 'record-root-cause':
      requireOwner(s, c.actor);
      return [{ type: 'complaints.root-cause-recorded.v1', data: { ...ids, kind: c.kind, code: c.code.trim().toLowerCase(), detail: text(c.detail, 'detail', 'K4'), responsibleTeamId: c.responsibleTeamId, by, at } }];
    case 'approve-concession':
      return decideApprove(c, s);
    case 'grant-concession':
      return decideGrant(c, s, policy);
    case 'propose-resolution':
      requireOwner(s, c.actor);
      if (s.status === 'resolution-proposed') throw new DomainError('conflict', 'resolution-already-proposed', 'a resolution is proposed already: the customer answers first', 'K5');
      return [{ type: 'complaints.resolution-proposed.v1', data: { ...ids, ownerId: s.ownerId!, resolution: text(c.resolution, 'resolution', 'K5'), by, at } }];
    case 'confirm-resolution':
      requireCustomerVoice(s, c.actor);
      // K5: no closing without a proposed resolution the customer confirms.
      if (s.status !== 'resolution-proposed') throw new DomainError('conflict', 'no-resolution-proposed', 'only the customer confirms a proposed resolution; none is proposed', 'K5');
      if (c.satisfaction !== null && (!Number.isInteger(c.satisfaction) || c.satisfaction < 1 || c.satisfaction > 5)) {
        throw new DomainError('rule_violation', 'invalid-satisfaction', 'satisfaction is 1 to 5', 'K4');
      }
      return [{ type: 'complaints.resolution-confirmed.v1', data: { ...ids, ownerId: s.ownerId!, recordedBy: by, satisfaction: c.satisfaction, comment: c.comment.trim(), at } }];
    case 'reject-resolution':
      return decideReject(c, s);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/**
 * K3: after any command, a clock that ran out and was not breached yet is breached and escalated to the
 * owner's manager, once per clock (a timer, a late acknowledgement or a reopening may be the one to notice).
 * Then, if the deadlines moved, one `deadlines-changed` for the timers.
 */
function decideClocks(c: ComplaintCommand, s: ComplaintState, direct: readonly ComplaintEvent[]): ComplaintEvent[] {
  if ((s.status === 'none' && c.type !== 'receive-complaint') || s.status === 'closed') return [];
  const after = direct.reduce(evolveComplaint, s);
  if (after.status === 'none') return [];
  const at = c.now.toISOString();
  const breaches: ComplaintEvent[] = [];
  for (const kind of ['acknowledge', 'resolve'] as const) {
    const clock = after.clocks[kind];
    if (!clock || after.breached.includes(kind) || !isOverdue(after.calendar, clock, at)) continue;
    const base = { complaintId: after.complaintId!, customerId: after.customerId!, clock: kind, ownerId: after.ownerId!, at };
    breaches.push({ type: 'complaints.sla-breached.v1', data: { ...base, dueAt: clock.lastDueAt } });
    breaches.push({ type: 'complaints.complaint-escalated.v1', data: { ...base, accountableId: after.accountableId!, managerId: c.ownersManagerId } });
  }
  if (c.type === 'receive-complaint') return breaches;
  const before = deadlinesOf(s);
  const now = deadlinesOf(after);
  const moved = before.acknowledgeBy !== now.acknowledgeBy || before.resolveBy !== now.resolveBy;
  return moved ? [...breaches, { type: 'complaints.deadlines-changed.v1', data: { complaintId: after.complaintId!, customerId: after.customerId!, deadlines: now, at } }] : breaches;
}

export function decideComplaint(c: ComplaintCommand, s: ComplaintState, policy: ComplaintPolicy = defaultComplaintPolicy): ComplaintEvent[] {
  const direct = decideDirect(c, s, policy);
  return [...direct, ...decideClocks(c, s, direct)];
}

/** One stream per complaint (`complaint-<id>`): received → acknowledged → … → confirmed (closed) or reopened. */
export const createComplaintDecider = (policy: ComplaintPolicy = defaultComplaintPolicy): Decider<ComplaintCommand, ComplaintEvent, ComplaintState> => ({
  initialState: initialComplaintState,
  decide: (c, s) => decideComplaint(c, s, policy),
  evolve: evolveComplaint,
});

export const complaintDecider = createComplaintDecider();
