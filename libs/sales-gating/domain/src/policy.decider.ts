import { DomainError, type Decider, type DomainEvent } from '@rapport/platform-eventsourcing';
import { defaultGatePolicy, policyProblems, type GatePolicy } from './gate.policy';

/** A manager put a policy version in force; gates are re-evaluated under it and each change names it (G7). */
export type PolicyPut = DomainEvent<'sales-gating.policy-put.v1', { readonly policy: GatePolicy; readonly putBy: string; readonly reason: string; readonly at: string }>;

export interface PutPolicy {
  readonly type: 'put-policy';
  readonly policy: GatePolicy;
  readonly putBy: string;
  readonly reason: string;
  readonly now: Date;
}

export interface PolicyState {
  readonly current: GatePolicy;
  readonly versions: readonly string[];
}

/** The one stream of policy versions. */
export const POLICY_STREAM_ID = 'gating-policy';

export const initialPolicyState = (): PolicyState => ({ current: defaultGatePolicy, versions: [defaultGatePolicy.version] });

export const evolvePolicy = (s: PolicyState, e: PolicyPut): PolicyState => ({ current: e.data.policy, versions: [...s.versions.filter((v) => v !== e.data.policy.version), e.data.policy.version] });

/** A version is written once: the same version with other values is refused, the same one again changes nothing. */
export function decidePolicy(c: PutPolicy, s: PolicyState): PolicyPut[] {
  const problems = policyProblems(c.policy);
  if (problems.length > 0) throw new DomainError('rule_violation', 'invalid-policy', problems.join('; '), 'G3', { problems });
  if (c.policy.version === s.current.version) {
    if (JSON.stringify(c.policy) === JSON.stringify(s.current)) return [];
    throw new DomainError('conflict', 'policy-version-taken', `version ${c.policy.version} is in force with other values: give a new version`, 'G7');
  }
  if (s.versions.includes(c.policy.version)) throw new DomainError('conflict', 'policy-version-taken', `version ${c.policy.version} was used before`, 'G7');
  return [{ type: 'sales-gating.policy-put.v1', data: { policy: c.policy, putBy: c.putBy, reason: c.reason, at: c.now.toISOString() } }];
}

export const policyDecider: Decider<PutPolicy, PolicyPut, PolicyState> = { initialState: initialPolicyState, decide: decidePolicy, evolve: evolvePolicy };
