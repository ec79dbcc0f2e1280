import type { CustomerEvent } from '@rapport/customers-domain';
import type { CustomerCard } from './customer-card.model';

type WinBackEvent = Extract<
  CustomerEvent,
  {
    type:
      | 'customers.leaving-signalled.v1'
      | 'customers.win-back-background-gathered.v1'
      | 'customers.win-back-decision-maker-reached.v1'
      | 'customers.win-back-answers-recorded.v1'
      | 'customers.win-back-root-cause-classified.v1'
      | 'customers.win-back-worth-decided.v1'
      | 'customers.win-back-followed-up.v1'
      | 'customers.customer-won-back.v1'
      | 'customers.customer-lost.v1'
      | 'customers.win-back-complaint-raised.v1'
      | 'customers.win-back-handed-over.v1'
      | 'customers.win-back-concession-granted.v1';
  }
>;

/** C11 on the card: where the win-back stands and the two answers a manager asks about first. */
export function applyWinBack(card: CustomerCard, event: WinBackEvent): CustomerCard {
  if (event.type === 'customers.leaving-signalled.v1') {
    const winBack = {
      status: 'open' as const,
      signal: event.data.signal,
      signalledAt: event.data.at,
      steps: [],
      whyLeaving: null,
      whatWouldMakeStay: null,
      rootCause: null,
      worthIt: null,
      closedAt: null,
      decisionMaker: null,
      complaintId: null,
      handledBy: null,
      concessions: [],
    };
    return { ...card, winBack };
  }
  const w = card.winBack;
  if (!w) return card;
  switch (event.type) {
    case 'customers.win-back-background-gathered.v1':
      return { ...card, winBack: { ...w, steps: [...w.steps, 'background'] } };
    case 'customers.win-back-decision-maker-reached.v1': {
      const d = event.data;
      const decisionMaker = d.title ? `${d.decisionMaker} (${d.title}${d.rank === 'highest-reachable' ? ', highest reachable' : ''})` : d.decisionMaker;
      return { ...card, winBack: { ...w, steps: [...w.steps, 'decision-maker'], decisionMaker } };
    }
    case 'customers.win-back-complaint-raised.v1':
      return { ...card, winBack: { ...w, complaintId: event.data.complaintId } };
    case 'customers.win-back-handed-over.v1':
      return { ...card, winBack: { ...w, handledBy: event.data.toRepId } };
    case 'customers.win-back-concession-granted.v1':
      return { ...card, winBack: { ...w, concessions: [...(w.concessions ?? []), event.data.concession] } };
    case 'customers.win-back-answers-recorded.v1':
      return { ...card, winBack: { ...w, steps: [...w.steps, 'answers'], whyLeaving: event.data.whyLeaving, whatWouldMakeStay: event.data.whatWouldMakeStay } };
    case 'customers.win-back-root-cause-classified.v1':
      return { ...card, winBack: { ...w, steps: [...w.steps, 'root-cause'], rootCause: `${event.data.kind}:${event.data.cause}` } };
    case 'customers.win-back-worth-decided.v1':
      return { ...card, winBack: { ...w, steps: [...w.steps, 'worth-it'], worthIt: event.data.worthIt } };
    case 'customers.win-back-followed-up.v1':
      return { ...card, winBack: { ...w, steps: [...w.steps, 'follow-up'] } };
    case 'customers.customer-won-back.v1':
      return { ...card, winBack: { ...w, status: 'won-back', closedAt: event.data.at } };
    case 'customers.customer-lost.v1':
      return { ...card, winBack: { ...w, status: 'lost', closedAt: event.data.at } };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
