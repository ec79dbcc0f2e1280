import { DomainError, type CommandContext } from '@rapport/platform-eventsourcing';
import type { CustomerCommands, CustomerResult } from '../customer-commands';

/** Follows merges: a referral by a record that was merged away is credited to its survivor (C2). */
export async function activeCustomerId(commands: CustomerCommands, customerId: string): Promise<string | undefined> {
  for (let id = customerId, hops = 0; hops < 10; hops++) {
    const state = await commands.state(id);
    if (state.status === 'unregistered') return undefined;
    if (state.status === 'active' || !state.mergedInto) return id;
    id = state.mergedInto.survivorId;
  }
  return undefined;
}

/** C10: records who referred a customer; the referrer must exist. */
export class ReferralService {
  constructor(private readonly commands: CustomerCommands) {}

  async record(customerId: string, referrerId: string, context: CommandContext): Promise<CustomerResult> {
    const referrer = await activeCustomerId(this.commands, referrerId);
    if (!referrer) throw new DomainError('rule_violation', 'unknown-referrer', `referrer ${referrerId} is not a customer`, 'C10', { referrerId });
    return this.commands.execute(customerId, { type: 'record-referrer', referrerId: referrer }, context);
  }
}
