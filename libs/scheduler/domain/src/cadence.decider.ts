import type { Decider } from '@rapport/platform-eventsourcing';
import type { CadenceEvent, CustomerFact } from './cadence.events';
import { evolveCadence, initialCadenceState, type CadenceState } from './cadence.state';

export type CadenceCommand =
  | { readonly type: 'note-customer-fact'; readonly customerId: string; readonly fact: CustomerFact }
  | { readonly type: 'note-follow-up-due'; readonly customerId: string; readonly dueAt: string }
  | { readonly type: 'note-review-due'; readonly customerId: string; readonly dueAt: string };

/**
 * The cadence workflow of one customer (S1, S2): it takes facts from the customers topic and its own timers'
 * firings; what it wants scheduled next is `nextFollowUp` / `nextReview` of the resulting state.
 * A firing noted twice (a redelivered timer) has no second effect.
 */
export function decideCadence(c: CadenceCommand, s: CadenceState): CadenceEvent[] {
  switch (c.type) {
    case 'note-customer-fact':
      return [{ type: 'scheduler.customer-fact-noted.v1', data: { customerId: c.customerId, fact: c.fact } }];
    case 'note-follow-up-due':
      if (s.lastFollowUpDueAt !== null && s.lastFollowUpDueAt >= c.dueAt) return [];
      return [{ type: 'scheduler.follow-up-came-due.v1', data: { customerId: c.customerId, dueAt: c.dueAt } }];
    case 'note-review-due':
      if (s.lastReviewDueAt !== null && s.lastReviewDueAt >= c.dueAt) return [];
      return [{ type: 'scheduler.review-came-due.v1', data: { customerId: c.customerId, dueAt: c.dueAt } }];
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

export const cadenceDecider: Decider<CadenceCommand, CadenceEvent, CadenceState> = {
  initialState: initialCadenceState,
  decide: decideCadence,
  evolve: evolveCadence,
};
