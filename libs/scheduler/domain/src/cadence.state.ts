import type { CadenceEvent, CustomerFact, Stage } from './cadence.events';
import { maxIso, minIso } from './time';

export interface CadenceState {
  readonly customerId: string | null;
  readonly status: 'unknown' | 'active' | 'closed';
  readonly ownerId: string | null;
  readonly ownerSince: string | null;
  readonly stage: Stage | null;
  readonly stageSince: string | null;
  readonly lastContactAt: string | null;
  readonly lastOwnerContactAt: string | null;
  /** The owner's plan from the last contact (S1: honoured within the cadence). */
  readonly nextStepAt: string | null;
  readonly firstPurchaseAt: string | null;
  readonly lastPurchaseAt: string | null;
  readonly reclaimable: boolean;
  readonly lastFollowUpDueAt: string | null;
  /** The oldest follow-up that came due with no contact since: the task is overdue from then. */
  readonly openFollowUpSince: string | null;
  readonly lastReviewDueAt: string | null;
}

export const initialCadenceState = (): CadenceState => ({
  customerId: null,
  status: 'unknown',
  ownerId: null,
  ownerSince: null,
  stage: null,
  stageSince: null,
  lastContactAt: null,
  lastOwnerContactAt: null,
  nextStepAt: null,
  firstPurchaseAt: null,
  lastPurchaseAt: null,
  reclaimable: false,
  lastFollowUpDueAt: null,
  openFollowUpSince: null,
  lastReviewDueAt: null,
});

function applyFact(s: CadenceState, f: CustomerFact): CadenceState {
  switch (f.kind) {
    case 'registered':
      return { ...s, status: s.status === 'closed' ? 'closed' : 'active', ownerId: f.ownerId, ownerSince: f.at };
    case 'owner-changed':
      // C4: a new owner starts with a fresh clock.
      return { ...s, ownerId: f.ownerId, ownerSince: f.at, reclaimable: false };
    case 'contact-logged': {
      const newest = s.lastContactAt === null || f.at >= s.lastContactAt;
      return {
        ...s,
        lastContactAt: maxIso(s.lastContactAt, f.at),
        lastOwnerContactAt: f.byOwner ? maxIso(s.lastOwnerContactAt, f.at) : s.lastOwnerContactAt,
        nextStepAt: newest ? f.nextStepAt : s.nextStepAt,
        // S1: a contact answers the open follow-up.
        openFollowUpSince: s.openFollowUpSince !== null && f.at >= s.openFollowUpSince ? null : s.openFollowUpSince,
        reclaimable: f.byOwner ? false : s.reclaimable,
      };
    }
    case 'purchase-recorded':
      return { ...s, firstPurchaseAt: minIso(s.firstPurchaseAt, f.at), lastPurchaseAt: maxIso(s.lastPurchaseAt, f.at) };
    case 'stage-changed':
      return { ...s, stage: f.stage, stageSince: f.at };
    case 'reclaimability-changed':
      return { ...s, reclaimable: f.status === 'reclaimable', lastOwnerContactAt: maxIso(s.lastOwnerContactAt, f.lastOwnerContactAt) };
    case 'closed':
      return { ...s, status: 'closed' };
    case 'reopened':
      return { ...s, status: s.status === 'closed' && s.ownerId !== null ? 'active' : s.status };
    default: {
      const _exhaustive: never = f;
      return _exhaustive;
    }
  }
}

export function evolveCadence(s: CadenceState, event: CadenceEvent): CadenceState {
  switch (event.type) {
    case 'scheduler.customer-fact-noted.v1':
      return applyFact({ ...s, customerId: event.data.customerId }, event.data.fact);
    case 'scheduler.follow-up-came-due.v1':
      return { ...s, lastFollowUpDueAt: maxIso(s.lastFollowUpDueAt, event.data.dueAt), openFollowUpSince: s.openFollowUpSince ?? event.data.dueAt };
    case 'scheduler.review-came-due.v1':
      return { ...s, lastReviewDueAt: maxIso(s.lastReviewDueAt, event.data.dueAt) };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
