import { deciderSpec } from '@rapport/platform-testing';
import { fold } from '@rapport/platform-eventsourcing';
import { cadenceDecider } from './cadence.decider';
import type { CadenceEvent, CustomerFact } from './cadence.events';
import { nextFollowUp, nextReview } from './cadence.plan';
import { defaultCadencePolicy as policy } from './cadence.policy';
import type { CadenceState } from './cadence.state';
import { addDays, addMonths } from './time';

const P = '2026-02-02T10:00:00.000Z';
const noted = (fact: CustomerFact): CadenceEvent => ({ type: 'scheduler.customer-fact-noted.v1', data: { customerId: 'c-1', fact } });
const cameDue = (dueAt: string): CadenceEvent => ({ type: 'scheduler.follow-up-came-due.v1', data: { customerId: 'c-1', dueAt } });
const stateOf = (events: readonly CadenceEvent[]): CadenceState => fold(cadenceDecider, events);
const registered = (at: string, stage: CustomerFact & { kind: 'stage-changed' } = { kind: 'stage-changed', stage: 'prospect-with-intent', at }): CadenceEvent[] => [
  noted({ kind: 'registered', ownerId: 'rep-ana', at }),
  noted(stage),
];
const newBuyer = (): CadenceEvent[] => [
  ...registered(addDays(P, -30)),
  noted({ kind: 'purchase-recorded', at: P }),
  noted({ kind: 'stage-changed', stage: 'new-buyer', at: P }),
];
/** Lets every follow-up come due unanswered, n times: the dates the rep's task list shows. */
function dues(history: CadenceEvent[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const plan = nextFollowUp(stateOf(history), policy)!;
    out.push(plan.dueAt);
    history = [...history, cameDue(plan.dueAt)];
  }
  return out;
}

describe('follow-up cadences (S1)', () => {
  it('S1: a new buyer gets 12 weekly follow-ups after the purchase, then monthly', () => {
    const weekly = Array.from({ length: 12 }, (_, i) => addDays(P, 7 * (i + 1)));
    const twelfth = weekly[11]!;
    expect(dues(newBuyer(), 15)).toEqual([...weekly, addMonths(twelfth, 1), addMonths(addMonths(twelfth, 1), 1), addMonths(addMonths(addMonths(twelfth, 1), 1), 1)]);
  });

  it('S1: a contact on the due day moves the next follow-up (it counts from the contact)', () => {
    const history = newBuyer();
    const first = nextFollowUp(stateOf(history), policy)!.dueAt;
    expect(first).toBe(addDays(P, 7));
    const contactAt = addDays(first, 0.25); // the due day, in the afternoon, before the timer fired
    const after = stateOf([...history, noted({ kind: 'contact-logged', byOwner: true, nextStepAt: null, at: contactAt })]);
    expect(nextFollowUp(after, policy)!.dueAt).toBe(addDays(contactAt, 7));
  });

  it('S1: a contact after the follow-up came due closes the open task and moves the next one', () => {
    const history = [...newBuyer(), cameDue(addDays(P, 7))];
    expect(stateOf(history).openFollowUpSince).toBe(addDays(P, 7));
    const contactAt = addDays(P, 8);
    const after = stateOf([...history, noted({ kind: 'contact-logged', byOwner: false, nextStepAt: null, at: contactAt })]);
    expect(after.openFollowUpSince).toBeNull();
    expect(nextFollowUp(after, policy)!.dueAt).toBe(addDays(contactAt, 7));
  });

  it("S1: a prospect with intent is followed up every 14 days by default, on the owner's plan up to 21, never later", () => {
    const at = '2026-03-02T09:00:00.000Z';
    const base = registered(at);
    expect(nextFollowUp(stateOf(base), policy)!.dueAt).toBe(addDays(at, 14));
    const contact = (nextStepAt: string): CadenceEvent => noted({ kind: 'contact-logged', byOwner: true, nextStepAt, at });
    expect(nextFollowUp(stateOf([...base, contact(addDays(at, 18))]), policy)!.dueAt).toBe(addDays(at, 18));
    expect(nextFollowUp(stateOf([...base, contact(addDays(at, 40))]), policy)!.dueAt).toBe(addDays(at, 21));
  });

  it('S1: long-standing at least monthly, without intent at least every 2 months; lost or merged has none', () => {
    const at = '2026-03-02T09:00:00.000Z';
    expect(nextFollowUp(stateOf(registered(at, { kind: 'stage-changed', stage: 'long-standing', at })), policy)!.dueAt).toBe(addMonths(at, 1));
    expect(nextFollowUp(stateOf(registered(at, { kind: 'stage-changed', stage: 'prospect-without-intent', at })), policy)!.dueAt).toBe(addMonths(at, 2));
    expect(nextFollowUp(stateOf(registered(at, { kind: 'stage-changed', stage: 'lost', at })), policy)).toBeNull();
    expect(nextFollowUp(stateOf([...registered(at), noted({ kind: 'closed', at })]), policy)).toBeNull();
  });

  it('S1, C2: an unmerged record gets its cadence back: the follow-up its history calls for', () => {
    const at = '2026-03-02T09:00:00.000Z';
    const merged = [...registered(at), noted({ kind: 'closed', at: addDays(at, 3) })];
    expect(nextFollowUp(stateOf([...merged, noted({ kind: 'reopened', at: addDays(at, 5) })]), policy)!.dueAt).toBe(addDays(at, 14));
  });
});

describe('reviews the customers service must run as time passes (C4, C6)', () => {
  const at = '2026-03-02T09:00:00.000Z';
  const review = (dueAt: string): CadenceEvent => ({ type: 'scheduler.review-came-due.v1', data: { customerId: 'c-1', dueAt } });

  it('C4: the owner is warned 14 days before the customer becomes reclaimable at 90 days without an owner contact', () => {
    const s = registered(at);
    expect(nextReview(stateOf(s), policy)).toEqual({ dueAt: addDays(at, 76), reasons: ['reclaim-warning'] });
    expect(nextReview(stateOf([...s, review(addDays(at, 76))]), policy)).toEqual({ dueAt: addDays(at, 90), reasons: ['reclaim'] });
  });

  it("C4: an owner's contact moves both; a collaborator's does not; a new owner starts a fresh clock", () => {
    const contact = addDays(at, 30);
    expect(nextReview(stateOf([...registered(at), noted({ kind: 'contact-logged', byOwner: true, nextStepAt: null, at: contact })]), policy)!.dueAt).toBe(addDays(contact, 76));
    expect(nextReview(stateOf([...registered(at), noted({ kind: 'contact-logged', byOwner: false, nextStepAt: null, at: contact })]), policy)!.dueAt).toBe(addDays(at, 76));
    expect(nextReview(stateOf([...registered(at), noted({ kind: 'owner-changed', ownerId: 'rep-ben', at: contact })]), policy)!.dueAt).toBe(addDays(contact, 76));
  });

  it('C6: a new buyer is reviewed when the new-buyer months end; a reclaimable customer is not warned again', () => {
    const s = [
      ...newBuyer(),
      noted({ kind: 'contact-logged', byOwner: true, nextStepAt: null, at: addMonths(P, 2) }),
      noted({ kind: 'reclaimability-changed', status: 'reclaimable', lastOwnerContactAt: addMonths(P, 2), at: addMonths(P, 2) }),
    ];
    expect(nextReview(stateOf(s), policy)).toEqual({ dueAt: addMonths(P, 3), reasons: ['new-buyer-ends'] });
  });
});

describe('cadence decider', () => {
  const spec = deciderSpec(cadenceDecider);
  it('S3: a follow-up firing noted twice has no second effect', () => {
    const due = addDays(P, 7);
    spec.given([...newBuyer(), cameDue(due)]).when({ type: 'note-follow-up-due', customerId: 'c-1', dueAt: due }).then([]);
    spec.given(newBuyer()).when({ type: 'note-follow-up-due', customerId: 'c-1', dueAt: due }).then([cameDue(due)]);
  });
});
