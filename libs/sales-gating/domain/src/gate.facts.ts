/**
 * What gating knows about a customer, in its own vocabulary: the one place published events of customers,
 * feedback and complaints are turned into (the app maps each topic onto these, explicitly). Each fact is
 * noted with the id of the event it came from, so every reason can name its evidence (G7).
 */
export type ContactOutcome = 'reached' | 'no-answer' | 'rejected' | 'interested' | 'not-now' | 'purchased';

export type GateFact =
  | { readonly kind: 'registered'; readonly ownerId: string; readonly at: string }
  | { readonly kind: 'owner-changed'; readonly ownerId: string; readonly at: string }
  | { readonly kind: 'collaborators-changed'; readonly ownerId: string; readonly collaboratorIds: readonly string[]; readonly at: string }
  | { readonly kind: 'purchase'; readonly purchaseId: string; readonly amount: number; readonly at: string }
  /** C12: share of wallet 0..1 over the window, null when no spend was estimated. */
  | { readonly kind: 'share-of-wallet'; readonly share: number | null; readonly at: string }
  /** F1: an answer to "how likely are you to recommend us (0–10)". */
  | { readonly kind: 'nps-answered'; readonly surveyId: string; readonly score: number; readonly at: string }
  | { readonly kind: 'complaint-received'; readonly complaintId: string; readonly at: string }
  /** K5: the customer confirmed the resolution. */
  | { readonly kind: 'complaint-resolved'; readonly complaintId: string; readonly at: string }
  | { readonly kind: 'complaint-reopened'; readonly complaintId: string; readonly at: string }
  /** C5: a contact any rep logged in the customers service; the ledger lists it and its outcome moves the dates (G5). */
  | {
      readonly kind: 'contact-logged';
      readonly contactId: string;
      readonly repId: string;
      readonly direction: 'inbound' | 'outbound';
      readonly outcome: ContactOutcome;
      readonly nextStepAt: string | null;
      readonly at: string;
    }
  /** G5: exempt from the sales limits, listed beside them. */
  | { readonly kind: 'survey-sent'; readonly surveyId: string; readonly at: string }
  | { readonly kind: 'service-reply'; readonly complaintId: string; readonly at: string }
  /** C11: the customer was lost; the gate does not change, the what-if reports it as what happened afterwards. */
  | { readonly kind: 'left'; readonly at: string }
  /** C2: merged into another record; its gate closes (the survivor has its own). */
  | { readonly kind: 'closed'; readonly at: string };

export type GateFactKind = GateFact['kind'];

/** G8: facts about money alone; they never open a gate or make it suggest a pitch. */
export const isSpendFact = (fact: GateFact): boolean => fact.kind === 'purchase' || fact.kind === 'share-of-wallet';

/**
 * G8: the facts that may open a gate or move it towards a pitch — what the customer said (NPS), complaints, and
 * the record itself. Money, contacts, surveys sent, service replies and ownership may only tighten it: otherwise a
 * share drop noted quietly would open the gate on the next unrelated fact.
 */
export const maySignalOpening = (fact: GateFact): boolean =>
  fact.kind === 'nps-answered' || fact.kind === 'complaint-received' || fact.kind === 'complaint-resolved' || fact.kind === 'complaint-reopened' || fact.kind === 'registered';

/** F1: detractor 0–6 (not policy: the category is the survey's own definition). */
export const isDetractorScore = (score: number): boolean => score <= 6;
