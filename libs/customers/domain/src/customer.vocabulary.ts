/** The words of the customer domain: contact channels and outcomes (C5), stages (C6), root causes (C11). */
export const CONTACT_CHANNELS = ['call', 'visit', 'email', 'message', 'meeting', 'event', 'gift'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];
export const CONTACT_OUTCOMES = ['reached', 'no-answer', 'rejected', 'interested', 'not-now', 'purchased'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const STAGES = [
  'prospect-with-intent',
  'prospect-without-intent',
  'new-buyer',
  'long-standing',
  'lapsed',
  'leaving',
  'lost',
  'won-back',
] as const;
export type Stage = (typeof STAGES)[number];

export const ROOT_CAUSES = { specific: ['person', 'incident', 'customer-change'], systemic: ['price', 'support-model', 'product'] } as const;
export type RootCauseKind = keyof typeof ROOT_CAUSES;
export type RootCause = (typeof ROOT_CAUSES)[RootCauseKind][number];

/** C11 step 2: the decision-maker, or the highest-ranking person reachable when they are not. */
export const DECISION_MAKER_RANKS = ['decision-maker', 'highest-reachable'] as const;
export type DecisionMakerRank = (typeof DECISION_MAKER_RANKS)[number];

export type Assignment = 'manager' | 'least-busy' | 'round-robin';
export type RegistrationSource = 'api' | 'import';

export interface PurchaseFact {
  readonly purchaseId: string;
  readonly amount: number;
  readonly category: string;
  readonly occurredAt: string;
}

/** C2: what a survivor takes over from the record merged into it, kept whole so an unmerge can give it back. */
export interface AbsorbedCustomer {
  readonly customerId: string;
  readonly mergeId: string;
  readonly ownerId: string;
  readonly registeredAt: string;
  readonly purchases: readonly PurchaseFact[];
  readonly estimates: Readonly<Record<string, number>>;
  readonly lifetimePoints: number;
  readonly lastContactAt: string | null;
  readonly contactCount: number;
  /** The phone/email keys (`phone:+1...`) that identified the merged record; they now resolve to the survivor. */
  readonly contactKeys: readonly string[];
  readonly referrerId: string | null;
}
