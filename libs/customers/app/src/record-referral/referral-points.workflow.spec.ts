import { ignore, send } from '@rapport/platform-eventsourcing';
import { workflowSpec } from '@rapport/platform-testing';
import { referralPointsWorkflow, type ReferralQualifiedInput } from './referral-points.workflow';

const qualified = (referredCustomerId: string, referrerId = 'cust-referrer'): ReferralQualifiedInput => ({
  type: 'referral-qualified',
  referredCustomerId,
  referrerId,
  at: '2026-03-03T10:00:00.000Z',
});

describe('referral points workflow (C8/C10)', () => {
  const spec = workflowSpec(referralPointsWorkflow);

  it("C8: a referred customer's first purchase asks the referrer's record for referral points", () => {
    spec
      .given([])
      .when(qualified('cust-a'))
      .then([send({ type: 'award-referral-points', referrerId: 'cust-referrer', referredCustomerId: 'cust-a' })]);
  });

  it('C10: the process belongs to the referrer: one instance per referrer, whoever was referred', () => {
    spec.given([]).when(qualified('cust-a', 'cust-coach')).thenInstance('cust-coach');
    spec.given([]).when(qualified('cust-b', 'cust-coach')).thenInstance('cust-coach');
  });

  it('C8: each referred customer earns the referrer points once; a repeated qualification is ignored', () => {
    spec
      .given([qualified('cust-a')])
      .when(qualified('cust-a'))
      .then([ignore('C8: referral points for cust-a were already awarded')]);
  });

  it('C8/C10: a second referred customer earns the same referrer points again', () => {
    spec
      .given([qualified('cust-a')])
      .when(qualified('cust-b'))
      .then([send({ type: 'award-referral-points', referrerId: 'cust-referrer', referredCustomerId: 'cust-b' })]);
    spec
      .given([qualified('cust-a')])
      .when(qualified('cust-b'))
      .thenState((state) => expect(state.awarded).toEqual(['cust-a', 'cust-b']));
  });
});
