import { defaultCustomerPolicy, normalizePhone } from '@rapport/customers-domain';
import { CustomerPolicyError, loadCustomerPolicy } from './customer-policy.config';

// Configuration loading, not a business rule: these tests carry no rule ID (the rules are proven in the domain specs).
describe('customers policy configuration (CUSTOMERS_POLICY)', () => {
  it('without overrides the default policy object is used as it is', () => {
    expect(loadCustomerPolicy({})).toBe(defaultCustomerPolicy);
    expect(loadCustomerPolicy({ CUSTOMERS_POLICY: '  ' })).toBe(defaultCustomerPolicy);
  });

  it('overrides change only what they name, and a changed policy gets a distinct version', () => {
    const policy = loadCustomerPolicy({ CUSTOMERS_POLICY: '{"tiers":{"silver":4000}}' });
    expect(policy.tiers).toEqual({ ...defaultCustomerPolicy.tiers, silver: 4_000 });
    expect(policy.reclaim).toEqual(defaultCustomerPolicy.reclaim);
    expect(policy.version).toMatch(new RegExp(`^${defaultCustomerPolicy.version.replace(/\./g, '\\.')}\\+[0-9a-f]{8}$`));
    expect(loadCustomerPolicy({ CUSTOMERS_POLICY: '{"tiers":{"silver":4500}}' }).version).not.toBe(policy.version);
    expect(loadCustomerPolicy({ CUSTOMERS_POLICY: '{"version":"east-2026","reclaim":{"afterDays":60}}' }).version).toBe('east-2026');
  });

  it('unknown settings, wrong types and a warning after the deadline are refused at boot', () => {
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: '{"reclaim":{"afterDay":60}}' })).toThrow(CustomerPolicyError);
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: '{"reclaim":{"afterDays":"60"}}' })).toThrow('must be a number');
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: '{"reclaim":{"afterDays":10}}' })).toThrow('warnDaysBefore');
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: 'nope' })).toThrow('JSON');
  });

  it('C1: the default phone region is policy: configurable, and a region nobody knows is refused at boot', () => {
    const hongKong = loadCustomerPolicy({ CUSTOMERS_POLICY: '{"phone":{"defaultRegion":"HK"}}' });
    expect(hongKong.phone.defaultRegion).toBe('HK');
    expect(normalizePhone('9123 4567', hongKong.phone.defaultRegion)).toBe('+85291234567');
    expect(() => loadCustomerPolicy({ CUSTOMERS_POLICY: '{"phone":{"defaultRegion":"Mainland"}}' })).toThrow('phone.defaultRegion');
  });

  it('the category catalogue (C12) is a policy setting', () => {
    expect(loadCustomerPolicy({ CUSTOMERS_POLICY: '{"wallet":{"categories":["Laptops","Printers"]}}' }).wallet.categories).toEqual(['Laptops', 'Printers']);
  });
});
