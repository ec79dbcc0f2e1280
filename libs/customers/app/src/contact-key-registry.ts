import { CommandHandler, DomainError, fold, type CommandContext, type DecidedStream } from '@rapport/platform-eventsourcing';
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

/** One key's stream as read for a decision: its state and the version the decision will expect. */
export interface KeyStream {
  readonly key: string;
  readonly streamId: string;
  readonly version: number;
  readonly state: ContactKeyState;
}

/**
 * C1 across streams: each phone/email key has its own stream that at most one customer holds. A
 * registration reads its keys, decides the claims, and appends them together with the new customer's
 * stream in one multi-stream append (every stream at the version it was read at): either the customer
 * exists and holds its keys, or nothing was written. Two registrations of one phone race on the key's
 * version: one commits, the other is re-decided against the winner's claim and refused, on the record.
 * A merge re-points keys in the same way, in the merge's own append.
 */
export class ContactKeyRegistry {
  private readonly handler: CommandHandler<ContactKeyCommand, ContactKeyEvent, ContactKeyState>;

  constructor(private readonly customers: CustomerCommands) {
    this.handler = new CommandHandler(customers.host.events, contactKeyDecider);
  }

  async holder(key: string): Promise<ContactKeyState> {
    return (await this.read([key]))[0]!.state;
  }

  /** The keys' streams, for a decision that will append to them with these versions. */
  async read(keys: readonly string[]): Promise<KeyStream[]> {
    return Promise.all(
      keys.map(async (key) => {
        const streamId = contactKeyStreamId(key);
        const events = await this.customers.host.events.readStream<ContactKeyEvent>(streamId);
        const state = fold(contactKeyDecider, events.map((e) => ({ type: e.type, data: e.data }) as ContactKeyEvent));
        return { key, streamId, version: events.length, state };
      }),
    );
  }

  /**
   * The claims of a registration attempt, to append with the customer. A key held by another customer is
   * refused: the refusal is recorded on the key's stream (who tried, when) and a C1 conflict names the
   * existing customer and its owner (all a rep may learn about another's customer). Nothing is claimed then.
   */
  async claims(keys: readonly KeyStream[], attempt: RegistrationAttempt, context: CommandContext): Promise<DecidedStream[]> {
    const decided = keys.map((k) => ({
      k,
      events: contactKeyDecider.decide({ type: 'claim-contact-key', key: k.key, attempt, actor: actorOf(context), now: context.now }, k.state),
    }));
    const refused = decided.find((d) => d.events.some((e) => e.type === 'customers.duplicate-registration-refused.v1'));
    if (refused) {
      await this.handler.handle(
        refused.k.streamId,
        { type: 'claim-contact-key', key: refused.k.key, attempt, actor: actorOf(context), now: context.now },
        // Never the key itself in a step: command ids are stored in clear, and a key is a phone or an email (A5).
        stepOf(context, 'refused'),
        'any',
      );
      throw await this.duplicate(refused.k.key, refused.k.state.holder ?? 'unknown');
    }
    return decided.map((d) => ({ streamId: d.k.streamId, version: d.k.version, events: d.events }));
  }

  /** C2: a merge moves the duplicate's keys to the survivor, an unmerge moves them back: part of their append. */
  repoints(keys: readonly KeyStream[], from: string, to: string, mergeId: string, context: CommandContext): DecidedStream[] {
    return keys.map((k) => ({
      streamId: k.streamId,
      version: k.version,
      events: contactKeyDecider.decide(
        { type: 'repoint-contact-key', key: k.key, fromCustomerId: from, toCustomerId: to, mergeId, actor: actorOf(context), now: context.now },
        k.state,
      ),
    }));
  }

  /**
   * Claims every key for a customer that already exists (a card update), one stream at a time, or none: on a
   * refusal the keys already claimed are released and the C1 conflict names the existing customer.
   */
  async claimAll(keys: readonly string[], attempt: RegistrationAttempt, context: CommandContext): Promise<string[]> {
    // Look first, so an attempt that will be refused does not claim and release the keys it could get.
    for (const [index, k] of (await this.read(keys)).entries()) {
      if (k.state.holder !== null && k.state.holder !== attempt.customerId) await this.claim(k.key, index, attempt, context, []);
    }
    // Only keys this attempt claimed itself are given back on failure, never ones the customer already held.
    const claimed: string[] = [];
    for (const [index, key] of keys.entries()) {
      if (await this.claim(key, index, attempt, context, claimed)) claimed.push(key);
    }
    return claimed;
  }

  /** `step` names each release's command, never by the key: a command id is stored in clear (A5). */
  async releaseAll(
    keys: readonly string[],
    customerId: string,
    reason: string,
    context: CommandContext,
    step: (key: string, index: number) => string = (_key, index) => `release:${index}`,
  ): Promise<void> {
    for (const [index, key] of keys.entries()) {
      await this.handler.handle(
        contactKeyStreamId(key),
        { type: 'release-contact-key', key, customerId, reason, actor: actorOf(context), now: context.now },
        stepOf(context, step(key, index)),
        'any',
      );
    }
  }

  /** @returns whether this attempt's command claimed the key (false: the customer already held it). */
  private async claim(key: string, index: number, attempt: RegistrationAttempt, context: CommandContext, claimedSoFar: readonly string[]): Promise<boolean> {
    const result = await this.handler.handle(
      contactKeyStreamId(key),
      { type: 'claim-contact-key', key, attempt, actor: actorOf(context), now: context.now },
      stepOf(context, `claim:${index}`),
      'any',
    );
    const refusal = result.events.find((e) => e.type === 'customers.duplicate-registration-refused.v1');
    const holder = refusal ? (refusal.data as { existingCustomerId: string }).existingCustomerId : result.state.holder;
    if (holder === attempt.customerId) return result.events.some((e) => e.type === 'customers.contact-key-claimed.v1');
    await this.releaseAll(claimedSoFar, attempt.customerId, 'refused as a duplicate', context);
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
}
