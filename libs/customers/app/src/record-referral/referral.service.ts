import { DomainError, notFound, type CommandContext } from '@rapport/platform-eventsourcing';
import { mayWorkOn } from '@rapport/customers-domain';
import { actorOf, type CustomerCommands, type CustomerResult } from '../customer-commands';

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

/**
 * C10: records who referred a customer. The referrer must be a customer the caller may work on (C3): a rep
 * naming another rep's customer gets exactly the answer of an id that does not exist (SEC-5), so trying ids
 * never tells which exist.
 */
export class ReferralService {
  constructor(private readonly commands: CustomerCommands) {}

  async record(customerId: string, referrerId: string, context: CommandContext): Promise<CustomerResult> {
    // The customer named in the path is checked first: an unknown one stays a 404 whoever the referrer is.
    if ((await this.commands.state(customerId)).status === 'unregistered') throw notFound('customer', customerId);
    const referrer = await activeCustomerId(this.commands, referrerId);
    const state = referrer === undefined ? undefined : await this.commands.state(referrer);
    if (!referrer || !state || state.status === 'unregistered' || !mayWorkOn(actorOf(context), state)) {
      throw new DomainError('rule_violation', 'unknown-referrer', `referrer ${referrerId} is not a customer you can name`, 'C10', { referrerId });
    }
    return this.commands.execute(customerId, { type: 'record-referrer', referrerId: referrer }, context);
  }
}
