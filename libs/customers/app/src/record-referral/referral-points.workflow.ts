import { ignore, send, type Workflow } from '@rapport/platform-eventsourcing';

/** A referred customer's first purchase qualified their referral (C8), as the workflow sees it. */
export interface ReferralQualifiedInput {
  readonly type: 'referral-qualified';
  readonly referredCustomerId: string;
  /** The referrer as recorded (C10); the dispatcher follows merges to the surviving record (C2). */
  readonly referrerId: string;
  readonly at: string;
}

export type ReferralPointsInput = ReferralQualifiedInput;

/** Sent to the referrer's stream; the customers decider awards the policy's points (C8). */
export interface AwardReferralPointsRequest {
  readonly type: 'award-referral-points';
  readonly referrerId: string;
  readonly referredCustomerId: string;
}

/** Per referrer: the referred customers whose points were already asked for. */
export interface ReferralPointsState {
  readonly awarded: readonly string[];
}

/**
 * C8/C10 as a workflow: the qualification is an event on the *referred* customer's stream, the points are
 * an event on the *referrer's* stream — two streams, so a process, not a decision. One instance per
 * referrer; each referred customer earns the referrer points once.
 */
export const referralPointsWorkflow: Workflow<ReferralPointsInput, ReferralPointsState, AwardReferralPointsRequest> = {
  name: 'referral-points',
  initialState: () => ({ awarded: [] }),
  instanceOf: (input) => input.referrerId,
  decide: (input, state) => {
    switch (input.type) {
      case 'referral-qualified':
        if (state.awarded.includes(input.referredCustomerId)) {
          return [ignore(`C8: referral points for ${input.referredCustomerId} were already awarded`)];
        }
        return [send({ type: 'award-referral-points', referrerId: input.referrerId, referredCustomerId: input.referredCustomerId })];
      default: {
        const _exhaustive: never = input.type;
        return _exhaustive;
      }
    }
  },
  evolve: (state, input) => {
    switch (input.type) {
      case 'referral-qualified':
        return state.awarded.includes(input.referredCustomerId) ? state : { awarded: [...state.awarded, input.referredCustomerId] };
      default: {
        const _exhaustive: never = input.type;
        return _exhaustive;
      }
    }
  },
};
