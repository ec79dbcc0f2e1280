import { nameBasedUuid, type CommandContext } from '@rapport/platform-eventsourcing';
import { RequestValidationError } from '@rapport/platform-nest';
import {
  contactKeysOfCard,
  decideRegister,
  normalizeEmail,
  normalizePhone,
  type CustomerRegistered,
  type RegisterCustomer,
  type RegistrationAttempt,
} from '@rapport/customers-domain';
import { ContactKeyRegistry } from '../contact-key-registry';
import { actorOf, CustomerCommands, stepOf } from '../customer-commands';

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

/** The raw phone/email of a request, normalised (C1); an invalid phone is a 400 naming the field. */
export function normalizedContact(phone: string | undefined, email: string | undefined): { phone: string | null; email: string | null } {
  const normalized = phone === undefined ? null : (normalizePhone(phone) ?? undefined);
  if (normalized === undefined) throw new RequestValidationError([{ field: 'phone', messages: ['phone is not a valid phone number'] }]);
  return { phone: normalized, email: email === undefined ? null : normalizeEmail(email) };
}

/**
 * C1, C3: registers one customer. Its phone and email keys are claimed first (refusing a duplicate, on the
 * record), then the customer stream is created; if that fails, the keys this attempt claimed are given back.
 */
export class RegistrationService {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly registry: ContactKeyRegistry,
  ) {}

  async register(input: Registration, context: CommandContext, origin: Omit<RegistrationAttempt, 'customerId' | 'name' | 'phone' | 'email'> = { source: 'api' }): Promise<Registered> {
    // Derived from the command id, so a retried request registers the same customer id.
    const customerId = input.customerId ?? nameBasedUuid(`${context.commandId}/customer-id`);
    const command: Omit<RegisterCustomer, 'actor' | 'now'> = {
      type: 'register-customer',
      customerId,
      name: input.name,
      phone: input.phone,
      email: input.email,
      company: input.company ?? null,
      ...(input.ownerId ? { ownerId: input.ownerId } : {}),
      source: origin.source === 'import' ? 'import' : 'api',
      ...(origin.importId ? { importId: origin.importId } : {}),
    };
    // Rules that need no other stream are checked before any key is claimed.
    decideRegister({ ...command, actor: actorOf(context), now: context.now }, { status: 'unregistered' });

    const keys = contactKeysOfCard(input);
    const attempt: RegistrationAttempt = { customerId, name: input.name, phone: input.phone, email: input.email, ...origin };
    const claimed = await this.registry.claimAll(keys, attempt, context);
    try {
      const result = await this.commands.execute(customerId, command, stepOf(context, 'register'), 'new');
      const registered = result.events[0] as unknown as { data: CustomerRegistered['data']; metadata: { globalPosition: number } };
      return {
        customerId: registered.data.customerId,
        ownerId: registered.data.ownerId,
        position: result.events.at(-1)!.metadata.globalPosition,
        replayed: result.duplicate,
      };
    } catch (error) {
      await this.registry.releaseAll(claimed, customerId, 'registration failed', stepOf(context, 'compensate'));
      throw error;
    }
  }
}
