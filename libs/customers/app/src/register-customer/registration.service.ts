import {
  appendContextOf,
  ConcurrencyError,
  decidedAppends,
  DomainError,
  fold,
  nameBasedUuid,
  observedCommand,
  type CommandContext,
  type RecordedEvent,
} from '@rapport/platform-eventsourcing';
import { RequestValidationError } from '@rapport/platform-nest';
import {
  contactKeysOfCard,
  createCustomerDecider,
  customerStreamId,
  decideRegister,
  isPhoneRegion,
  normalizeEmail,
  normalizePhone,
  type CustomerEvent,
  type CustomerRegistered,
  type RegisterCustomer,
  type RegistrationAttempt,
} from '@rapport/customers-domain';
import { ContactKeyRegistry } from '../contact-key-registry';
import { actorOf, CustomerCommands } from '../customer-commands';

export interface Registration {
  readonly customerId?: string;
  readonly name: string;
  /** Already normalised (E.164 / lower case), or null. */
  readonly phone: string | null;
  readonly email: string | null;
  readonly company?: string | null;
  readonly ownerId?: string;
}

export interface Registered {
  readonly customerId: string;
  readonly ownerId: string;
  readonly position: number;
  readonly replayed: boolean;
}

/**
 * The raw phone/email of a request, normalised (C1); an invalid phone is a 400 naming the field. A phone
 * without a country code is read in `region` (the registration's, else the policy's default region).
 */
export function normalizedContact(phone: string | undefined, email: string | undefined, region?: string): { phone: string | null; email: string | null } {
  if (region !== undefined && !isPhoneRegion(region)) throw new RequestValidationError([{ field: 'region', messages: [`"${region}" is not a region`] }]);
  const normalized = phone === undefined ? null : (normalizePhone(phone, region) ?? undefined);
  if (normalized === undefined) throw new RequestValidationError([{ field: 'phone', messages: ['phone is not a valid phone number'] }]);
  return { phone: normalized, email: email === undefined ? null : normalizeEmail(email) };
}

/** How often a registration is re-decided after a concurrent write to one of its streams. */
const MAX_ATTEMPTS = 4;

/**
 * C1, C3: registers one customer in one commit. The phone and email keys are claimed and the customer
 * stream is created by one multi-stream append, each stream at the version it was read at: no claim can
 * outlive a failed registration (there is nothing to give back, and no orphan to clean up later), and
 * of two registrations of one phone exactly one commits; the other is re-decided and refused, on the record.
 */
export class RegistrationService {
  private readonly decider: ReturnType<typeof createCustomerDecider>;

  constructor(
    private readonly commands: CustomerCommands,
    private readonly registry: ContactKeyRegistry,
  ) {
    this.decider = createCustomerDecider(commands.policy);
  }

  async register(input: Registration, context: CommandContext, origin: Omit<RegistrationAttempt, 'customerId' | 'name' | 'phone' | 'email'> = { source: 'api' }): Promise<Registered> {
    // Counted once per registration (metrics), whatever its retries; a refused duplicate's key stream counts apart.
    return observedCommand(this.commands.host.events, 'register-customer', () => this.registerOnce(input, context, origin), (r) => (r.replayed ? 'duplicate' : 'accepted'));
  }

  private async registerOnce(input: Registration, context: CommandContext, origin: Omit<RegistrationAttempt, 'customerId' | 'name' | 'phone' | 'email'>): Promise<Registered> {
    // Derived from the command id, so a retried request registers the same customer id.
    const customerId = input.customerId ?? nameBasedUuid(`${context.commandId}/customer-id`);
    const command: RegisterCustomer = {
      type: 'register-customer',
      customerId,
      name: input.name,
      phone: input.phone,
      email: input.email,
      company: input.company ?? null,
      ...(input.ownerId ? { ownerId: input.ownerId } : {}),
      source: origin.source === 'import' ? 'import' : 'api',
      ...(origin.importId ? { importId: origin.importId } : {}),
      actor: actorOf(context),
      now: context.now,
    };
    // Rules that need no other stream are checked before any stream is read.
    decideRegister(command, { status: 'unregistered' });
    const events = this.commands.host.events;
    const streamId = customerStreamId(customerId);
    const attempt: RegistrationAttempt = { customerId, name: input.name, phone: input.phone, email: input.email, ...origin };

    for (let tries = 1; ; tries++) {
      if (await events.findCommand(context.commandId)) return this.answer(await events.readStream<CustomerEvent>(streamId), context, true);
      const history = await events.readStream<CustomerEvent>(streamId);
      if (history.length > 0) throw new DomainError('conflict', 'already-exists', `${streamId} already exists`, undefined, { streamId });
      const keys = await this.registry.read(contactKeysOfCard(input));
      const claims = await this.registry.claims(keys, attempt, context);
      const created = this.decider.decide(command, fold(this.decider, []));
      // The customer stream first: `findCommand` names it, and its events come first in the global order.
      const appends = decidedAppends([{ streamId, version: 0, events: created }, ...claims], context.commandId);
      try {
        const result = await events.appendMany(appends, { context: appendContextOf(context) });
        if (result.duplicate) return this.answer(await events.readStream<CustomerEvent>(streamId), context, true);
        // Just written: the answer comes from the decided events, not from reading (and decrypting) them back.
        const registered = created.find((e): e is CustomerRegistered => e.type === 'customers.customer-registered.v1')!;
        return { customerId: registered.data.customerId, ownerId: registered.data.ownerId, position: result.streams[0]!.lastPosition, replayed: false };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || tries >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private answer(history: readonly RecordedEvent<CustomerEvent>[], context: CommandContext, replayed: boolean): Registered {
    const mine = history.filter((e) => e.metadata.commandId === context.commandId);
    const registered = mine.find((e): e is RecordedEvent<CustomerRegistered> => e.type === 'customers.customer-registered.v1');
    if (!registered) throw new DomainError('conflict', 'already-exists', `customer ${history[0]?.metadata.streamId ?? ''} was registered by another command`);
    return {
      customerId: registered.data.customerId,
      ownerId: registered.data.ownerId,
      position: mine.at(-1)!.metadata.globalPosition,
      replayed,
    };
  }
}
