import type { Projection } from '@rapport/platform-eventsourcing';
import {
  CADENCE_STREAM_PREFIX,
  evolveCadence,
  initialCadenceState,
  nextFollowUp,
  nextReview,
  type CadenceEvent,
  type CadencePolicy,
  type CadenceState,
  type ReviewReason,
} from '@rapport/scheduler-domain';

export const FOLLOW_UPS = 'follow_ups';
export const FOLLOW_UPS_PROJECTION = 'follow-ups';

/** One document per customer with a cadence: what the rep must do next and when (S1), and the next review. */
export interface FollowUpDoc {
  readonly id: string;
  readonly ownerId: string | null;
  readonly active: boolean;
  readonly stage: string | null;
  /** When the rep's next follow-up is due: the open (unanswered) one if any, else the next planned. */
  readonly dueAt: string | null;
  /** Since when the open follow-up is unanswered (null: none open). */
  readonly openSince: string | null;
  readonly nextPlannedAt: string | null;
  readonly cadence: string | null;
  readonly lastContactAt: string | null;
  readonly nextReviewAt: string | null;
  readonly reviewReasons: readonly ReviewReason[];
  readonly state: CadenceState;
}

export const followUpsProjection = (policy: CadencePolicy): Projection => ({
  name: FOLLOW_UPS_PROJECTION,
  version: 1,
  collections: [{ name: FOLLOW_UPS, indexes: [['ownerId', 'active', 'dueAt'], ['active', 'dueAt']] }],
  async apply(recorded, view) {
    if (!recorded.metadata.streamId.startsWith(CADENCE_STREAM_PREFIX)) return;
    const event = { type: recorded.type, data: recorded.data } as CadenceEvent;
    const customerId = event.data.customerId;
    const before = await view.get<FollowUpDoc>(FOLLOW_UPS, customerId);
    const state = evolveCadence(before?.state ?? initialCadenceState(), event);
    const plan = nextFollowUp(state, policy);
    const review = nextReview(state, policy);
    const active = state.status === 'active';
    view.put<FollowUpDoc>(FOLLOW_UPS, {
      id: customerId,
      ownerId: state.ownerId,
      active,
      stage: state.stage,
      dueAt: active ? (state.openFollowUpSince ?? plan?.dueAt ?? null) : null,
      openSince: active ? state.openFollowUpSince : null,
      nextPlannedAt: plan?.dueAt ?? null,
      cadence: plan?.cadence ?? null,
      lastContactAt: state.lastContactAt,
      nextReviewAt: review?.dueAt ?? null,
      reviewReasons: review?.reasons ?? [],
      state,
    });
  },
});
