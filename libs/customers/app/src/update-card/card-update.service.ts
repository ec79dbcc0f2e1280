import { notFound, type CommandContext } from '@rapport/platform-eventsourcing';
import {
  changedFields,
  claimedKeys,
  contactKeysOfCard,
  requireActive,
  requireWorker,
  type CardFields,
} from '@rapport/customers-domain';
import type { ContactKeyRegistry } from '../contact-key-registry';
import { actorOf, stepOf, type CustomerCommands, type CustomerResult } from '../customer-commands';

/**
 * C9 with C1: a card change is one event, but a new phone or email must first be claimed in the registry
 * (a duplicate is refused and recorded like a registration), and a replaced one is given back after.
 */
export class CardUpdateService {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly registry: ContactKeyRegistry,
  ) {}

  async update(customerId: string, changes: Partial<CardFields>, context: CommandContext): Promise<CustomerResult> {
    const before = await this.commands.state(customerId);
    if (before.status === 'unregistered') throw notFound('customer', customerId);
    const record = requireActive(before);
    // Checked before claiming, so nobody can hold a phone hostage through a customer they may not change.
    requireWorker(actorOf(context), record);

    const changed = changedFields(record.card, changes);
    const incoming = contactKeysOfCard({ phone: changed.phone ?? null, email: changed.email ?? null });
    const attempt = { customerId, name: changed.name ?? record.card.name, phone: changed.phone ?? null, email: changed.email ?? null, source: 'card-update' as const };
    const claimed = await this.registry.claimAll(incoming, attempt, context);
    let result: CustomerResult;
    try {
      result = await this.commands.execute(customerId, { type: 'update-card', changes }, stepOf(context, 'update'));
    } catch (error) {
      await this.registry.releaseAll(claimed, customerId, 'card update failed', stepOf(context, 'compensate'));
      throw error;
    }
    if (result.state.status !== 'unregistered') {
      const kept = new Set(claimedKeys(result.state));
      const replaced = claimedKeys(record).filter((key) => !kept.has(key));
      await this.registry.releaseAll(replaced, customerId, 'replaced by a card update', stepOf(context, 'release'));
    }
    return result;
  }
}
