import { deciderSpec } from '@rapport/platform-testing';
import { ana, cmd, CUSTOMER, dayN, historyOf, max, ofType, purchase, register, stateOf, T0 } from '../test/customer-fixtures';
import { customerDecider } from './customer.decider';
import { lifetimePoints } from './customer.derived';
import { defaultCustomerPolicy, tierFor } from './customer.policy';

describe('C8 points and tiers, C10 referrals', () => {
  const spec = deciderSpec(customerDecider);

  it.each([
    [0, 'member'],
    [4_999, 'member'],
    [5_000, 'silver'],
    [19_999, 'silver'],
    [20_000, 'gold'],
    [49_999, 'gold'],
    [50_000, 'platinum'],
    [99_999, 'platinum'],
    [100_000, 'diamond'],
  ])('C8: tier thresholds: %i lifetime points after a first purchase is %s', (points, tier) => {
    expect(tierFor(points, true, defaultCustomerPolicy)).toBe(tier);
  });

  it('C8: there is no tier before the first purchase, whatever the points', () => {
    expect(tierFor(600, false, defaultCustomerPolicy)).toBeNull();
  });

  it('C8: purchases earn one point per currency unit, and crossing a threshold is a tier-changed event', () => {
    const history = historyOf([
      cmd(register(), ana, T0),
      cmd(purchase('p-1', 4_999.99, dayN(1)), ana, dayN(1)),
      cmd(purchase('p-2', 1, dayN(2)), ana, dayN(2)),
    ]);
    expect(ofType(history, 'customers.purchase-recorded.v1').map((e) => [e.data.points, e.data.lifetimePoints])).toEqual([
      [4_999, 4_999],
      [1, 5_000],
    ]);
    expect(ofType(history, 'customers.tier-changed.v1').map((e) => e.data)).toEqual([
      { customerId: CUSTOMER, from: null, to: 'member', lifetimePoints: 4_999, at: dayN(1).toISOString(), policyVersion: defaultCustomerPolicy.version },
      { customerId: CUSTOMER, from: 'member', to: 'silver', lifetimePoints: 5_000, at: dayN(2).toISOString(), policyVersion: defaultCustomerPolicy.version },
    ]);
  });

  it('C8: a purchase is recorded once per purchase id, in the installation currency, not in the future', () => {
    const given = historyOf([cmd(register(), ana, T0), cmd(purchase('p-1', 10, T0), ana, T0)]);
    spec.given(given).when(cmd(purchase('p-1', 10, T0), ana, T0)).thenThrows({ rule: 'C8', code: 'duplicate-purchase', kind: 'conflict' });
    spec.given(given).when(cmd({ ...purchase('p-2', 10, T0), currency: 'EUR' } as never, ana, T0)).thenThrows({ rule: 'C12', code: 'currency-mismatch' });
    spec.given(given).when(cmd(purchase('p-3', 10, dayN(1)), ana, T0)).thenThrows({ rule: 'C8', code: 'purchase-in-future' });
  });

  it('C8: an integrator (an order system) may record purchases for any customer', () => {
    const given = historyOf([cmd(register(), ana, T0)]);
    spec.given(given).when(cmd(purchase('erp-77', 30, T0), { id: 'erp', roles: ['integrator'] }, T0)).thenState((s) => expect(lifetimePoints(s as never)).toBe(30));
  });

  it('C10: who referred whom is recorded once; a customer cannot refer themselves', () => {
    const given = historyOf([cmd(register(), ana, T0), cmd({ type: 'record-referrer', referrerId: 'c-leo' }, ana, T0)]);
    expect(stateOf(given).referrerId).toBe('c-leo');
    spec.given(given).when(cmd({ type: 'record-referrer', referrerId: 'c-leo' }, ana, T0)).then([]);
    spec.given(given).when(cmd({ type: 'record-referrer', referrerId: 'c-zoe' }, ana, T0)).thenThrows({ rule: 'C10', code: 'referrer-already-recorded' });
    spec.given(historyOf([cmd(register(), ana, T0)])).when(cmd({ type: 'record-referrer', referrerId: CUSTOMER }, ana, T0)).thenThrows({ rule: 'C10', code: 'self-referral' });
  });

  it('C10: the referred customer\'s first purchase qualifies the referral, once', () => {
    const history = historyOf([
      cmd(register(), ana, T0),
      cmd({ type: 'record-referrer', referrerId: 'c-leo' }, ana, T0),
      cmd(purchase('p-1', 10, dayN(1)), ana, dayN(1)),
      cmd(purchase('p-2', 10, dayN(2)), ana, dayN(2)),
    ]);
    expect(ofType(history, 'customers.referral-qualified.v1').map((e) => e.data)).toEqual([{ customerId: CUSTOMER, referrerId: 'c-leo', at: dayN(1).toISOString() }]);
  });

  it('C8: the referrer earns 500 points per referred customer\'s first purchase, once each, and they count toward tiers', () => {
    const referrer = [cmd(register(), ana, T0), cmd(purchase('p-1', 4_600, T0), ana, T0)];
    const award = (referred: string) => cmd({ type: 'award-referral-points', referredCustomerId: referred }, { id: 'customers/referrals', roles: ['system'] }, dayN(5));
    const history = historyOf([...referrer, award('c-1'), award('c-1')]);
    const awards = ofType(history, 'customers.referral-points-awarded.v1');
    expect(awards.map((e) => [e.data.referredCustomerId, e.data.points, e.data.lifetimePoints])).toEqual([['c-1', 500, 5_100]]);
    expect(ofType(history, 'customers.tier-changed.v1').at(-1)!.data).toMatchObject({ from: 'member', to: 'silver' });
    expect(stateOf(history).referralsAwarded).toEqual(['c-1']);
  });

  it('C8: the points per referral are policy', () => {
    const policy = { ...defaultCustomerPolicy, version: 'generous', points: { perCurrencyUnit: 2, perReferral: 1_000 } };
    const history = historyOf(
      [cmd(register(), ana, T0), cmd(purchase('p-1', 10, T0), max, T0), cmd({ type: 'award-referral-points', referredCustomerId: 'c-9' }, max, T0)],
      policy,
    );
    expect(lifetimePoints(stateOf(history))).toBe(1_020);
    expect(ofType(history, 'customers.referral-points-awarded.v1')[0]!.data.policyVersion).toBe('generous');
  });
});
