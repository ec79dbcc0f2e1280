import { defaultCustomerPolicy } from '@rapport/customers-domain';
import { CustomerPolicyError, loadCustomerPolicy } from './customer-policy.config';

describe('customers policy configuration', () => {
  it('C4: without overrides the defaults apply: 90 days, warned 14 days before', () => {
    expect(loadCustomerPolicy({})).toBe(defaultCustomerPolicy);
    expect(defaultCustomerPolicy.reclaim).toEqual({ afterDays: 90, warnDaysBefore: 14 });
  });

  it('C8: overrides change only what they name, and a changed policy gets a distinct version', () => {
    const policy = loadCustomerPolicy({ CUSTOMERS_POLICY: '{"tiers":{"silver":4000}}' });
    expect(policy.tiers).toEqual({ ...defaultCustomerPolicy.tiers, silver: 4_000 });
    expect(policy.version).toMatch(/^customers-policy-2026\.1\+[0-9a-f]{8}$/);
    expect(loadCustomerPolicy({ CUSTOMERS_POLICY: '{"version":"east-2026","reclaim":{"afterDays":60}}' }).version).toBe('east-2026');
  });

  it('C4: unknown settings, wrong types and a warning after the deadline are refused at boot', () => {
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: '{"reclaim":{"afterDay":60}}' })).toThrow(CustomerPolicyError);
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: '{"reclaim":{"afterDays":"60"}}' })).toThrow('must be a number');
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: '{"reclaim":{"afterDays":10}}' })).toThrow('warnDaysBefore');
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: 'nope' })).toThrow('JSON');
  });
});
