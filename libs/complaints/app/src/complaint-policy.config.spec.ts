import { defaultComplaintPolicy } from '@rapport/complaints-domain';
import { loadComplaintPolicy } from './complaint-policy.config';

describe('the complaint policy from configuration (K3, K6: policy defaults, versioned)', () => {
  it('K3: without COMPLAINTS_POLICY the defaults hold (critical 1 h / 24 h … low 24 h / 120 h)', () => {
    expect(loadComplaintPolicy({})).toBe(defaultComplaintPolicy);
    expect(defaultComplaintPolicy.sla).toEqual({
      critical: { acknowledgeHours: 1, resolveHours: 24 },
      high: { acknowledgeHours: 4, resolveHours: 48 },
      medium: { acknowledgeHours: 8, resolveHours: 72 },
      low: { acknowledgeHours: 24, resolveHours: 120 },
    });
  });

  it('K3, K6: overrides replace single values and give the policy a version of its own', () => {
    const policy = loadComplaintPolicy({ COMPLAINTS_POLICY: '{"sla":{"critical":{"acknowledgeHours":2}},"concessionApprovalAbove":50}' });
    expect(policy.sla.critical).toEqual({ acknowledgeHours: 2, resolveHours: 24 });
    expect(policy.concessionApprovalAbove).toBe(50);
    expect(policy.version).toMatch(/^complaints-2026\.1\+[0-9a-f]{8}$/);
    expect(loadComplaintPolicy({ COMPLAINTS_POLICY: '{"version":"acme-3","repeatComplaints":4}' }).version).toBe('acme-3');
  });

  it('a setting that does not exist, a wrong type, a non-positive number or an acknowledge longer than the resolve is refused at start-up', () => {
    expect(() => loadComplaintPolicy({ COMPLAINTS_POLICY: '{"sla":{"urgent":{}}}' })).toThrow(/sla\.urgent is not a policy setting/);
    expect(() => loadComplaintPolicy({ COMPLAINTS_POLICY: '{"concessionApprovalAbove":"100"}' })).toThrow(/must be a number/);
    expect(() => loadComplaintPolicy({ COMPLAINTS_POLICY: '{"concessionApprovalAbove":0}' })).toThrow(/positive/);
    expect(() => loadComplaintPolicy({ COMPLAINTS_POLICY: '{"sla":{"low":{"acknowledgeHours":200}}}' })).toThrow(/acknowledging cannot take longer/);
    expect(() => loadComplaintPolicy({ COMPLAINTS_POLICY: '[1]' })).toThrow(/JSON object/);
  });
});
