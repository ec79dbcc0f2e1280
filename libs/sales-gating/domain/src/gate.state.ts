import { maxIso } from '@rapport/platform-eventsourcing';
import type { ContactOutcome, GateFact } from './gate.facts';
import { isDetractorScore } from './gate.facts';
import type { GateDecision, GateEvent } from './gate.events';

/** One line of the contact-pressure ledger (G5): sales attempts count against the limits, the rest is listed. */
export interface LedgerEntry {
  readonly id: string;
  readonly kind: 'sales' | 'contact' | 'survey' | 'service';
  readonly repId: string | null;
  readonly pitch: boolean;
  readonly product: string | null;
  readonly outcome: ContactOutcome | null;
  readonly customerAsked: boolean;
  readonly at: string;
}

export interface Quote {
  readonly quoteId: string;
  readonly repId: string;
  readonly product: string;
  readonly amount: number;
  readonly currency: string;
  readonly approvedBy: string | null;
  readonly at: string;
}

export interface Evidence {
  readonly eventId: string;
  readonly at: string;
}

/** A hold episode (G1, G2): what started it, and the resolutions since; G4 asks for an NPS answer after all of them. */
export interface HoldEpisode {
  readonly since: string;
  readonly causes: readonly string[];
  readonly resolutions: readonly Evidence[];
}

export interface GateState {
  readonly customerId: string | null;
  readonly closed: boolean;
  readonly ownerId: string | null;
  readonly collaboratorIds: readonly string[];
  readonly latestNps: (Evidence & { readonly score: number; readonly surveyId: string }) | null;
  readonly share: (Evidence & { readonly value: number | null }) | null;
  readonly lastPurchaseAt: string | null;
  /** Complaints not confirmed resolved, with the event that opened (or reopened) each. */
  readonly openComplaints: Readonly<Record<string, Evidence>>;
  readonly hold: HoldEpisode | null;
  readonly decision: GateDecision | null;
  readonly ledger: readonly LedgerEntry[];
  readonly lastSalesAttemptAt: string | null;
  readonly lastPitchAt: string | null;
  readonly lastRejectionAt: string | null;
  readonly snoozedUntil: string | null;
  /** G5 counts (the seven-rejection rule): sales attempts since the last purchase, rejections in a row, all rejections. */
  readonly followUpsSincePurchase: number;
  readonly rejectionsInRow: number;
  readonly rejections: number;
  readonly quotes: readonly Quote[];
  /** The gate change the last FIX_FIRST alert was about (G3: one alert per change). */
  readonly alertedFor: string | null;
}

/** The ledger kept in the stream state is the most recent entries; counts cover the whole history. */
export const LEDGER_KEPT = 200;

export const initialGateState = (): GateState => ({
  customerId: null,
  closed: false,
  ownerId: null,
  collaboratorIds: [],
  latestNps: null,
  share: null,
  lastPurchaseAt: null,
  openComplaints: {},
  hold: null,
  decision: null,
  ledger: [],
  lastSalesAttemptAt: null,
  lastPitchAt: null,
  lastRejectionAt: null,
  snoozedUntil: null,
  followUpsSincePurchase: 0,
  rejectionsInRow: 0,
  rejections: 0,
  quotes: [],
  alertedFor: null,
});

const withEntry = (s: GateState, entry: LedgerEntry): readonly LedgerEntry[] => [...s.ledger, entry].slice(-LEDGER_KEPT);

const holdWith = (s: GateState, eventId: string, at: string): HoldEpisode => (s.hold ? { ...s.hold, causes: [...s.hold.causes, eventId] } : { since: at, causes: [eventId], resolutions: [] });

/** Rejections and "not now" move the dates; a reached-and-interested or a purchase ends a run of rejections. */
function afterOutcome(s: GateState, outcome: ContactOutcome, at: string, snoozedUntil: string | null): Partial<GateState> {
  switch (outcome) {
    case 'rejected':
      return { lastRejectionAt: maxIso(s.lastRejectionAt, at), rejectionsInRow: s.rejectionsInRow + 1, rejections: s.rejections + 1 };
    case 'not-now':
      return { snoozedUntil: maxIso(s.snoozedUntil, snoozedUntil) };
    case 'interested':
      return { rejectionsInRow: 0 };
    case 'purchased':
      return { rejectionsInRow: 0, snoozedUntil: null };
    case 'reached':
    case 'no-answer':
      return {};
    default: {
      const _exhaustive: never = outcome;
      return _exhaustive;
    }
  }
}

function applyFact(s: GateState, fact: GateFact, eventId: string): GateState {
  switch (fact.kind) {
    case 'registered':
      return { ...s, ownerId: s.ownerId ?? fact.ownerId };
    case 'owner-changed':
      return { ...s, ownerId: fact.ownerId, collaboratorIds: s.collaboratorIds.filter((id) => id !== fact.ownerId) };
    case 'collaborators-changed':
      return { ...s, ownerId: fact.ownerId, collaboratorIds: [...fact.collaboratorIds] };
    case 'purchase':
      return { ...s, lastPurchaseAt: maxIso(s.lastPurchaseAt, fact.at), followUpsSincePurchase: 0, rejectionsInRow: 0 };
    case 'share-of-wallet':
      return { ...s, share: { eventId, at: fact.at, value: fact.share } };
    case 'nps-answered': {
      if (s.latestNps !== null && s.latestNps.at > fact.at) return s; // an older answer arriving late is not the latest
      const latestNps = { eventId, at: fact.at, score: fact.score, surveyId: fact.surveyId };
      return { ...s, latestNps, hold: isDetractorScore(fact.score) ? holdWith(s, eventId, fact.at) : s.hold };
    }
    case 'complaint-received':
    case 'complaint-reopened':
      return { ...s, openComplaints: { ...s.openComplaints, [fact.complaintId]: { eventId, at: fact.at } }, hold: holdWith(s, eventId, fact.at) };
    case 'complaint-resolved': {
      const { [fact.complaintId]: _resolved, ...open } = s.openComplaints;
      const hold = s.hold ? { ...s.hold, resolutions: [...s.hold.resolutions, { eventId, at: fact.at }] } : null;
      return { ...s, openComplaints: open, hold };
    }
    case 'contact-logged': {
      const entry: LedgerEntry = { id: fact.contactId, kind: 'contact', repId: fact.repId, pitch: false, product: null, outcome: fact.outcome, customerAsked: fact.direction === 'inbound', at: fact.at };
      return { ...s, ledger: withEntry(s, entry), ...afterOutcome(s, fact.outcome, fact.at, fact.outcome === 'not-now' ? fact.nextStepAt : null) };
    }
    case 'survey-sent':
      return { ...s, ledger: withEntry(s, { id: fact.surveyId, kind: 'survey', repId: null, pitch: false, product: null, outcome: null, customerAsked: false, at: fact.at }) };
    case 'service-reply':
      return { ...s, ledger: withEntry(s, { id: eventId, kind: 'service', repId: null, pitch: false, product: null, outcome: null, customerAsked: false, at: fact.at }) };
    case 'left':
      return s;
    case 'closed':
      return { ...s, closed: true };
    default: {
      const _exhaustive: never = fact;
      return _exhaustive;
    }
  }
}

export function evolveGate(s: GateState, event: GateEvent): GateState {
  switch (event.type) {
    case 'sales-gating.fact-noted.v1':
      return applyFact({ ...s, customerId: event.data.customerId }, event.data.fact, event.data.sourceEventId);
    case 'sales-gating.gate-changed.v1': {
      const status = event.data.decision.status;
      // A hold episode ends when a decision lets the customer be sold to again (G4 named its evidence).
      const held = status === 'HOLD' || status === 'FIX_FIRST';
      return { ...s, customerId: event.data.customerId, decision: event.data.decision, hold: held ? s.hold : null };
    }
    case 'sales-gating.sales-attempt-recorded.v1': {
      const d = event.data;
      const entry: LedgerEntry = { id: d.attemptId, kind: 'sales', repId: d.repId, pitch: d.pitch, product: d.product, outcome: d.outcome, customerAsked: d.customerAsked, at: d.at };
      return {
        ...s,
        ledger: withEntry(s, entry),
        lastSalesAttemptAt: maxIso(s.lastSalesAttemptAt, d.at),
        lastPitchAt: d.pitch ? maxIso(s.lastPitchAt, d.at) : s.lastPitchAt,
        followUpsSincePurchase: s.followUpsSincePurchase + 1,
        ...afterOutcome(s, d.outcome, d.at, d.snoozedUntil),
      };
    }
    case 'sales-gating.quote-recorded.v1': {
      const d = event.data;
      return { ...s, quotes: [...s.quotes, { quoteId: d.quoteId, repId: d.repId, product: d.product, amount: d.amount, currency: d.currency, approvedBy: d.approvedBy, at: d.at }] };
    }
    case 'sales-gating.fix-first-alerted.v1':
      return { ...s, alertedFor: event.data.gateEventId };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
