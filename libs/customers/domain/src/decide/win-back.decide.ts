import { conflict, requireActive, requireWorker, violation } from '../customer.access';
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

export function decideWinBackStep(c: StepCommand, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireWorker(c.actor, s);
  const base = { customerId: s.customerId, by: c.actor.id, at: c.now.toISOString() };
  switch (c.type) {
    case 'gather-win-back-background':
      openAt(s, 'background');
      return [{ type: 'customers.win-back-background-gathered.v1', data: { ...base, background: c.background } }];
    case 'reach-decision-maker':
      openAt(s, 'decision-maker');
      return [{ type: 'customers.win-back-decision-maker-reached.v1', data: { ...base, decisionMaker: c.decisionMaker, notes: c.notes } }];
    case 'record-leaving-answers':
      openAt(s, 'answers');
      return [{ type: 'customers.win-back-answers-recorded.v1', data: { ...base, whyLeaving: c.whyLeaving, whatWouldMakeStay: c.whatWouldMakeStay } }];
    case 'classify-root-cause':
      openAt(s, 'root-cause');
      if (!(ROOT_CAUSES[c.kind] as readonly string[]).includes(c.cause)) {
        throw violation('C11', 'root-cause-mismatch', `"${c.cause}" is not a ${c.kind} cause (${ROOT_CAUSES[c.kind].join(', ')})`);
      }
      return [{ type: 'customers.win-back-root-cause-classified.v1', data: { ...base, kind: c.kind, cause: c.cause, notes: c.notes } }];
    case 'decide-win-back-worth':
      openAt(s, 'worth-it');
      return [{ type: 'customers.win-back-worth-decided.v1', data: { ...base, worthIt: c.worthIt, reason: c.reason } }];
    case 'follow-up-win-back':
      if (s.winBack?.status === 'open' && s.winBack.worthIt === false) {
        throw violation('C11', 'win-back-not-worth-it', 'the win-back was decided not worth it; record the outcome instead');
      }
      openAt(s, 'follow-up');
      return [{ type: 'customers.win-back-followed-up.v1', data: { ...base, whatChanged: c.whatChanged } }];
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
