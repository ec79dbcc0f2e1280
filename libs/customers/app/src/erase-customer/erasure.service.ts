import { sleep, type CommandContext } from '@rapport/platform-eventsourcing';
import { forgetOverwrittenVersions, type SubjectErasure } from '@rapport/platform-audit';
import { requireRegistered, type ErasureBasis } from '@rapport/customers-domain';
import type { ContactKeyRegistry } from '../contact-key-registry';
import { stepOf, type CustomerCommands } from '../customer-commands';
import type { CustomerErasedDto } from './erase-customer.dto';

/**
 * A5: erasing a customer. In this order, each step safe to repeat:
 * 1. release their C1 phone/email keys while they can still be read (an erased customer must not block the
 *    number for the next person, nor reveal through a refusal that it was ever known);
 * 2. destroy their data key: from this instant every personal field of their history, in every service of
 *    the deployment, reads as null;
 * 3. record `customer-erased`, which read models act on (and make their engine forget the old versions).
 * A failure after 2 is repaired by asking again.
 */
export class ErasureService {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly keys: ContactKeyRegistry,
    private readonly erasure: SubjectErasure,
  ) {}

  async erase(customerId: string, basis: ErasureBasis, context: CommandContext): Promise<CustomerErasedDto> {
    const state = requireRegistered(await this.commands.state(customerId));
    const keys = state.erasedAt ? [] : [...state.ownKeys, ...state.absorbed.flatMap((a) => a.contactKeys ?? [])];
    const held: string[] = [];
    for (const k of await this.keys.read(keys)) if (k.state.holder === customerId) held.push(k.key);
    await this.keys.releaseAll(held, customerId, 'erased', stepOf(context, 'release'), (_key, i) => `release-${i}`);
    const { erasedAt, keyDestroyed } = await this.erasure.erase(customerId, context.now);
    const result = await this.commands.execute(customerId, { type: 'erase-customer', basis, releasedKeys: held.length }, stepOf(context, 'record'));
    const position = result.events.at(-1)?.metadata.globalPosition ?? 0;
    await this.commands.settled(position);
    // The card dropped the fields; the read-model engine must not keep the old version in its log either.
    for (let attempt = 0; attempt < 5 && !forgetOverwrittenVersions(this.commands.host.readModels); attempt++) await sleep(50);
    return { customerId, erasedAt, keyDestroyed, releasedKeys: held.length, position };
  }
}
