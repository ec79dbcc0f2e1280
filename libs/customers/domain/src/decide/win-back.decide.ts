import { conflict, isManager, requireActive, requireWorker, violation } from '../customer.access';
import type {
  ClassifyRootCause,
  CloseWinBack,
  DecideWinBackWorth,
  FollowUpWinBack,
  GatherWinBackBackground,
  ReachDecisionMaker,
  RecordLeavingAnswers,
  SignalLeaving,
} from '../customer.commands';
import { ROOT_CAUSES, type CustomerEvent } from '../customer.events';
import { WIN_BACK_STEPS, type CustomerRecord, type CustomerState, type WinBackStep } from '../customer.state';
import { winBackContact } from './relationship.decide';

/**
 * C11: winning back a leaving customer is six recorded steps, in order: background, decision-maker,
 * the two questions, root cause, worth-it decision, follow-up. The outcome closes the attempt.
 */

export function decideSignalLeaving(c: SignalLeaving, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  if (s.winBack?.status === 'open') throw conflict('C11', 'win-back-open', `a win-back of customer ${s.customerId} is already under way`);
  return [
    { type: 'customers.leaving-signalled.v1', data: { customerId: s.customerId, ownerId: s.ownerId, signal: c.signal, by: c.actor.id, at: c.now.toISOString() } },
  ];
}

/** The open attempt whose next step is `step`; anything else is out of order. */
function openAt(s: CustomerRecord, step: WinBackStep): void {
  if (s.winBack?.status !== 'open') throw violation('C11', 'no-win-back', `customer ${s.customerId} has no open win-back; signal leaving first`);
  const expected = WIN_BACK_STEPS[s.winBack.steps.length];
  if (expected !== step) {
    throw violation('C11', 'win-back-step-out-of-order', `win-back step "${step}" comes after "${WIN_BACK_STEPS[WIN_BACK_STEPS.indexOf(step) - 1]}"`, {
      expectedStep: expected ?? null,
    });
  }
}

type StepCommand =
  | GatherWinBackBackground
  | ReachDecisionMaker
  | RecordLeavingAnswers
  | ClassifyRootCause
  | DecideWinBackWorth
  | FollowUpWinBack;

/** Once a rep has taken the win-back over (root cause: a person), they run it, or a manager does. */
function requireHandler(c: StepCommand, s: CustomerRecord): void {
  const handler = s.winBack?.status === 'open' ? s.winBack.handledBy : null;
  if (handler && c.actor.id !== handler && !isManager(c.actor)) {
    throw violation('C11', 'win-back-handed-over', `${handler} has taken over the win-back of customer ${s.customerId}`, { handledBy: handler });
  }
}

/** Steps 2 and 6 are conversations with the customer: they are logged as contacts at the time they are recorded. */
const asContact = (c: ReachDecisionMaker | FollowUpWinBack, notes: string | null) => ({
  contactId: c.contactId,
  channel: c.channel,
  direction: c.direction,
  outcome: 'reached' as const,
  notes,
  nextStep: null,
  nextStepAt: null,
  occurredAt: c.now,
  actor: c.actor,
  now: c.now,
});

function reachDecisionMaker(c: ReachDecisionMaker, s: CustomerRecord, base: Base): CustomerEvent[] {
  openAt(s, 'decision-maker');
  // A decision-maker is a person with a title, not "the client" or "someone in purchasing".
  if (c.decisionMaker.trim() === '' || c.title.trim() === '') {
    throw violation('C11', 'decision-maker-title-required', 'name the decision-maker (or the highest-ranking person reachable) and their title');
  }
  const person = `${c.decisionMaker} (${c.title}${c.rank === 'highest-reachable' ? ', highest reachable' : ''})`;
  const step: CustomerEvent = {
    type: 'customers.win-back-decision-maker-reached.v1',
    data: { ...base, decisionMaker: c.decisionMaker, title: c.title, rank: c.rank, contactId: c.contactId, notes: c.notes },
  };
  return [step, ...winBackContact(asContact(c, `win-back step 2: reached ${person}${c.notes ? `: ${c.notes}` : ''}`), s)];
}

function recordAnswers(c: RecordLeavingAnswers, s: CustomerRecord, base: Base): CustomerEvent[] {
  openAt(s, 'answers');
  const complaint = c.complaint ?? null;
  const answers: CustomerEvent = {
    type: 'customers.win-back-answers-recorded.v1',
    data: { ...base, whyLeaving: c.whyLeaving, whatWouldMakeStay: c.whatWouldMakeStay, ...(complaint ? { isComplaint: true } : {}) },
  };
  if (!complaint) return [answers];
  // K1: a complaint heard during a win-back is opened as one; the complaints service consumes the published event.
  const raised: CustomerEvent = {
    type: 'customers.win-back-complaint-raised.v1',
    data: { ...base, complaintId: complaint.complaintId, ownerId: s.ownerId, description: complaint.description, apologised: complaint.apologised },
  };
  return [answers, raised];
}

function classifyRootCause(c: ClassifyRootCause, s: CustomerRecord, base: Base): CustomerEvent[] {
  openAt(s, 'root-cause');
  if (!(ROOT_CAUSES[c.kind] as readonly string[]).includes(c.cause)) {
    throw violation('C11', 'root-cause-mismatch', `"${c.cause}" is not a ${c.kind} cause (${ROOT_CAUSES[c.kind].join(', ')})`);
  }
  const classified: CustomerEvent = { type: 'customers.win-back-root-cause-classified.v1', data: { ...base, kind: c.kind, cause: c.cause, notes: c.notes } };
  const takeOverBy = c.takeOverBy ?? null;
  if (c.cause !== 'person') {
    if (takeOverBy) throw violation('C11', 'take-over-only-for-person', 'another rep takes over only when the root cause is a person');
    return [classified];
  }
  // The person the customer is leaving over does not win them back: another rep takes over (C11).
  const current = s.winBack?.handledBy ?? s.ownerId;
  if (!takeOverBy || takeOverBy === current) {
    throw violation('C11', 'take-over-required', `the root cause is a person: name another rep than ${current} to take the win-back over`, { currentRepId: current });
  }
  const reason = `root cause is a person${c.notes ? `: ${c.notes}` : ''}`;
  const handedOver: CustomerEvent = { type: 'customers.win-back-handed-over.v1', data: { ...base, fromRepId: current, toRepId: takeOverBy, reason } };
  if (takeOverBy === s.ownerId || s.collaborators.includes(takeOverBy)) return [classified, handedOver];
  // The rep taking over needs to work on the customer; commission stays with the owner (C3).
  const collaboratorIds = [...s.collaborators, takeOverBy];
  const added: CustomerEvent = { type: 'customers.collaborator-added.v1', data: { ...base, collaboratorId: takeOverBy, ownerId: s.ownerId, collaboratorIds } };
  return [classified, handedOver, added];
}

function followUp(c: FollowUpWinBack, s: CustomerRecord, base: Base): CustomerEvent[] {
  if (s.winBack?.status === 'open' && s.winBack.worthIt === false) {
    throw violation('C11', 'win-back-not-worth-it', 'the win-back was decided not worth it; record the outcome instead');
  }
  openAt(s, 'follow-up');
  const concession = c.concession?.trim() || null;
  const step: CustomerEvent = { type: 'customers.win-back-followed-up.v1', data: { ...base, whatChanged: c.whatChanged, contactId: c.contactId, concession } };
  // Precedent: others will ask for the same, so a concession is its own event the manager sees (C11).
  const granted: CustomerEvent[] = concession
    ? [{ type: 'customers.win-back-concession-granted.v1', data: { ...base, ownerId: s.ownerId, concession } }]
    : [];
  return [step, ...granted, ...winBackContact(asContact(c, `win-back step 6: told the customer what changed: ${c.whatChanged}`), s)];
}

type Base = { readonly customerId: string; readonly by: string; readonly at: string };

export function decideWinBackStep(c: StepCommand, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  requireHandler(c, s);
  const base: Base = { customerId: s.customerId, by: c.actor.id, at: c.now.toISOString() };
  switch (c.type) {
    case 'gather-win-back-background':
      openAt(s, 'background');
      return [{ type: 'customers.win-back-background-gathered.v1', data: { ...base, background: c.background } }];
    case 'reach-decision-maker':
      return reachDecisionMaker(c, s, base);
    case 'record-leaving-answers':
      return recordAnswers(c, s, base);
    case 'classify-root-cause':
      return classifyRootCause(c, s, base);
    case 'decide-win-back-worth':
      openAt(s, 'worth-it');
      return [{ type: 'customers.win-back-worth-decided.v1', data: { ...base, worthIt: c.worthIt, reason: c.reason } }];
    case 'follow-up-win-back':
      return followUp(c, s, base);
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

/** Won back only after all six steps; lost may be recorded at any point of an open attempt. */
export function decideCloseWinBack(c: CloseWinBack, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  if (s.winBack?.status !== 'open') throw violation('C11', 'no-win-back', `customer ${s.customerId} has no open win-back`);
  const base = { customerId: s.customerId, ownerId: s.ownerId, reason: c.reason, by: c.actor.id, at: c.now.toISOString() };
  if (c.outcome === 'lost') return [{ type: 'customers.customer-lost.v1', data: base }];
  if (s.winBack.steps.length < WIN_BACK_STEPS.length) {
    throw violation('C11', 'win-back-incomplete', `won back needs all six steps; next is "${WIN_BACK_STEPS[s.winBack.steps.length]}"`, {
      expectedStep: WIN_BACK_STEPS[s.winBack.steps.length],
    });
  }
  return [{ type: 'customers.customer-won-back.v1', data: base }];
}
