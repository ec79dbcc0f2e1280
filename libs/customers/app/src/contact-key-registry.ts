import { CommandHandler, DomainError, fold, type CommandContext } from '@rapport/platform-eventsourcing';
import {
  contactKeyDecider,
  contactKeyStreamId,
  kindOfKey,
  type ContactKeyCommand,
  type ContactKeyEvent,
  type ContactKeyState,
  type RegistrationAttempt,
} from '@rapport/customers-domain';
import { actorOf, stepOf, type CustomerCommands } from './customer-commands';

/**
 * C1 across streams: a registration claims each phone/email key on the key's own stream before the
 * customer stream is created. Claims are optimistic appends, so concurrent registrations of one phone
 * serialise on the key: one claims, the other is re-decided and refused, and the refusal is recorded.
 * A registration that fails after claiming gives its claims back (compensation); a claim left behind by a
 * crash (its customer never registered) is freed once older than the policy's grace period.
 */
export class ContactKeyRegistry {
  private readonly handler: CommandHandler<ContactKeyCommand, ContactKeyEvent, ContactKeyState>;

  constructor(private readonly customers: CustomerCommands) {
    this.handler = new CommandHandler(customers.host.events, contactKeyDecider);
  }

  async holder(key: string): Promise<ContactKeyState> {
    const events = await this.customers.host.events.readStream<ContactKeyEvent>(contactKeyStreamId(key));
    return fold(contactKeyDecider, events.map((e) => ({ type: e.type, data: e.data }) as ContactKeyEvent));
  }

  /**
   * Claims every key for the attempt, or none: on a refusal the keys already claimed are released and a
   * C1 conflict names the existing customer and its owner (all a rep may learn about another's customer).
   */
  async claimAll(keys: readonly string[], attempt: RegistrationAttempt, context: CommandContext): Promise<string[]> {
    // Look first, so an attempt that will be refused does not claim and release the keys it could get.
    for (const key of keys) {
      const current = await this.freeIfOrphaned(key, context);
      if (current.holder !== null && current.holder !== attempt.customerId) await this.claim(key, attempt, context, []);
    }
    // Only keys this attempt claimed itself are given back on failure, never ones the customer already held.
    const claimed: string[] = [];
    for (const key of keys) {
      if (await this.claim(key, attempt, context, claimed)) claimed.push(key);
    }
    return claimed;
  }

  async releaseAll(keys: readonly string[], customerId: string, reason: string, context: CommandContext): Promise<void> {
    for (const key of keys) {
      await this.handler.handle(
        contactKeyStreamId(key),
        { type: 'release-contact-key', key, customerId, reason, actor: actorOf(context), now: context.now },
        stepOf(context, `release:${key}`),
        'any',
      );
    }
  }

  /** C2: a merge moves the duplicate's keys to the survivor; an unmerge moves them back. */
  async repointAll(keys: readonly string[], from: string, to: string, mergeId: string, context: CommandContext): Promise<void> {
    for (const key of keys) {
      await this.handler.handle(
        contactKeyStreamId(key),
        { type: 'repoint-contact-key', key, fromCustomerId: from, toCustomerId: to, mergeId, actor: actorOf(context), now: context.now },
        stepOf(context, `repoint:${key}`),
        'any',
      );
    }
  }

  /** @returns whether this attempt's command claimed the key (false: the customer already held it). */
  private async claim(key: string, attempt: RegistrationAttempt, context: CommandContext, claimedSoFar: readonly string[]): Promise<boolean> {
    const result = await this.handler.handle(
      contactKeyStreamId(key),
      { type: 'claim-contact-key', key, attempt, actor: actorOf(context), now: context.now },
      stepOf(context, `claim:${key}`),
      'any',
    );
    const refusal = result.events.find((e) => e.type === 'customers.duplicate-registration-refused.v1');
    const holder = refusal ? (refusal.data as { existingCustomerId: string }).existingCustomerId : result.state.holder;
    if (holder === attempt.customerId) return result.events.some((e) => e.type === 'customers.contact-key-claimed.v1');
    await this.releaseAll(claimedSoFar, attempt.customerId, 'registration refused as a duplicate', context);
    throw await this.duplicate(key, holder ?? 'unknown');
  }

  private async duplicate(key: string, existingCustomerId: string): Promise<DomainError> {
    const existing = await this.customers.state(existingCustomerId);
    const existingOwnerId = existing.status === 'unregistered' ? null : existing.ownerId;
    const matchedOn = kindOfKey(key);
    return new DomainError('conflict', 'duplicate-customer', `a customer with this ${matchedOn} already exists: ${existingCustomerId}`, 'C1', {
      existingCustomerId,
      existingOwnerId,
      matchedOn,
    });
  }

  private async freeIfOrphaned(key: string, context: CommandContext): Promise<ContactKeyState> {
    const current = await this.holder(key);
    if (current.holder === null || current.heldSince === null) return current;
    const graceMs = this.customers.policy.registry.orphanClaimGraceSeconds * 1_000;
    if (context.now.getTime() - Date.parse(current.heldSince) < graceMs) return current;
    if ((await this.customers.state(current.holder)).status !== 'unregistered') return current;
    await this.releaseAll([key], current.holder, 'orphaned claim: its registration never completed', stepOf(context, 'orphan'));
    return { holder: null, heldSince: null };
  }
}
