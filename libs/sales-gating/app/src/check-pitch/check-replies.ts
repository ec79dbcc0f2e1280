import type { Principal } from '@rapport/platform-nest';
import type { CheckReplyV1 } from '@rapport/sales-gating-contracts';
import type { GatePolicy, PitchAnswer, PressureCounts, Quote } from '@rapport/sales-gating-domain';
import { seesEveryone } from '../http/gate-access';

/** The HTTP answer: the published reply plus the counts and last quotes (null and empty when redacted). */
export interface CheckReply extends CheckReplyV1 {
  readonly counts: PressureCounts | null;
  readonly lastQuotes: readonly Quote[];
}

/**
 * The answer as the caller may see it. A rep asking about a customer that is not theirs learns only that
 * they may not pitch (G6): not the gate, the reasons, the counts or the quotes of another rep's customer.
 */
export function replyOf(customerId: string, repId: string, answer: PitchAnswer, policy: GatePolicy, answeredAt: string, caller: Principal | null): CheckReply {
  const g6 = answer.denials.filter((d) => d.rule === 'G6');
  const redacted = caller !== null && !seesEveryone(caller) && g6.length > 0;
  return {
    customerId,
    repId,
    allowed: answer.allowed,
    status: redacted || answer.denials.some((d) => d.code === 'unknown-customer') ? null : answer.gate.status,
    denials: redacted ? g6 : [...answer.denials],
    nextAllowedAt: answer.nextAllowedAt,
    policyVersion: policy.version,
    answeredAt,
    counts: redacted ? null : answer.counts,
    lastQuotes: redacted ? [] : [...answer.lastQuotes],
  };
}
