import type { DomainEvent } from '@rapport/platform-eventsourcing';

/** The customers lifecycle stages, in the scheduler's own vocabulary (mapped from the customers topic). */
export type Stage =
  | 'prospect-with-intent'
  | 'prospect-without-intent'
  | 'new-buyer'
  | 'long-standing'
  | 'lapsed'
  | 'leaving'
  | 'lost'
  | 'won-back';

/** What the scheduler needs to know about a customer, taken from the customers topic. */
export type CustomerFact =
  | { readonly kind: 'registered'; readonly ownerId: string; readonly at: string }
  | { readonly kind: 'owner-changed'; readonly ownerId: string; readonly at: string }
  | { readonly kind: 'contact-logged'; readonly byOwner: boolean; readonly nextStepAt: string | null; readonly at: string }
  | { readonly kind: 'purchase-recorded'; readonly at: string }
  | { readonly kind: 'stage-changed'; readonly stage: Stage; readonly at: string }
  | { readonly kind: 'reclaimability-changed'; readonly status: 'warned' | 'reclaimable' | 'cleared'; readonly lastOwnerContactAt: string; readonly at: string }
  /** Merged into another record: its cadence ends (the survivor has its own). */
  | { readonly kind: 'closed'; readonly at: string }
  /** The merge was undone (C2): the record is its own again and its cadence resumes from what it knew. */
  | { readonly kind: 'reopened'; readonly at: string };

export type CustomerFactNoted = DomainEvent<'scheduler.customer-fact-noted.v1', { readonly customerId: string; readonly fact: CustomerFact }>;
/** S1: the follow-up due at `dueAt` came due (its timer fired); it stays open until a contact is logged. */
export type FollowUpCameDue = DomainEvent<'scheduler.follow-up-came-due.v1', { readonly customerId: string; readonly dueAt: string }>;
/** C4, C6: the review due at `dueAt` was delivered to the customers service. */
export type ReviewCameDue = DomainEvent<'scheduler.review-came-due.v1', { readonly customerId: string; readonly dueAt: string }>;

export type CadenceEvent = CustomerFactNoted | FollowUpCameDue | ReviewCameDue;

export const cadenceStreamId = (customerId: string): string => `cadence-${customerId}`;
export const CADENCE_STREAM_PREFIX = 'cadence-';
