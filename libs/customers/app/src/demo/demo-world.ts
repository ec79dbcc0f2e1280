import { DomainError, type CommandContext, type ManualClock } from '@rapport/platform-eventsourcing';
import type { CustomerCommandBody, Grade } from '@rapport/customers-domain';
import type { CustomerCommands } from '../customer-commands';
import type { ImportService } from '../import-customers/import.service';
import type { MergeService } from '../merge-customers/merge.service';
import type { ReassignmentService } from '../reclaim-customer/reassignment.service';
import type { ReferralService } from '../record-referral/referral.service';
import type { RegistrationService } from '../register-customer/registration.service';
import type { SweepService } from '../sweep-customers/sweep.service';
import type { CardUpdateService } from '../update-card/card-update.service';
import { Random, type DemoRegion } from './demo-data';

/** The use cases the demo drives: the same ones the HTTP controllers call. */
export interface DemoServices {
  readonly commands: CustomerCommands;
  readonly registration: RegistrationService;
  readonly imports: ImportService;
  readonly cards: CardUpdateService;
  readonly referrals: ReferralService;
  readonly reassignment: ReassignmentService;
  readonly sweeps: SweepService;
  readonly merges: MergeService;
}

export interface Person {
  readonly id: string;
  readonly roles: readonly string[];
}

export const REPS: readonly Person[] = ['rep-ana', 'rep-ben', 'rep-cy', 'rep-dee', 'rep-eve'].map((id) => ({ id, roles: ['rep'] }));
export const MANAGER: Person = { id: 'manager-max', roles: ['manager'] };

/** One demo customer and the habits that drive its history. */
export interface Persona {
  readonly index: number;
  readonly name: string;
  readonly first: string;
  readonly last: string;
  /** Where the customer lives: their phone is written as a rep there writes it (C1). */
  readonly region: DemoRegion;
  readonly phone: string;
  readonly email: string;
  readonly company: string | null;
  /** C7: the grade an attentive rep gives; it predicts who buys (A and B buy, E and F rarely do). */
  readonly grade: Grade;
  readonly registerDay: number;
  readonly registrar: Person;
  readonly contactEvery: number;
  /** The owner stops calling after this day (C4 material); Infinity for attentive owners. */
  readonly neglectAfter: number;
  readonly buyer: boolean;
  readonly buyEvery: number;
  /** Some buyers simply stop buying: a year later they are lapsed (C6). */
  readonly stopBuyingDay: number;
  readonly leavingDay: number | null;
  id?: string;
  nextContactDay: number;
  nextPurchaseDay: number;
  contacts: number;
  purchases: number;
}

/**
 * Shared state of a demo run: the clock, the seeded randomness, deterministic command ids (the same seed
 * makes the same history), and a tally of what happened.
 */
export class DemoWorld {
  readonly random: Random;
  readonly tally: Record<string, number> = {};
  private sequence = 0;

  constructor(
    readonly services: DemoServices,
    readonly clock: ManualClock,
    readonly seed: number,
  ) {
    this.random = new Random(seed);
  }

  count(what: string, n = 1): void {
    this.tally[what] = (this.tally[what] ?? 0) + n;
  }

  context(actor: Person, reason?: string): CommandContext {
    const commandId = `demo/${this.seed}/${++this.sequence}`;
    return {
      commandId,
      actor: { id: actor.id, kind: 'user', roles: actor.roles },
      now: this.clock.now(),
      correlationId: commandId,
      causationId: commandId,
      via: 'api',
      ...(reason ? { reason } : {}),
    };
  }

  /** Runs a use case; a refusal by a business rule is part of the story (counted), anything else is a bug. */
  async attempt<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await run();
      this.count(what);
      return result;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.count(`refused: ${error.rule ?? ''} ${error.code}`.replace('  ', ' '));
      return undefined;
    }
  }

  async owner(customerId: string): Promise<Person | undefined> {
    const state = await this.services.commands.state(customerId);
    return state.status === 'active' ? { id: state.ownerId, roles: ['rep'] } : undefined;
  }

  /** A command by the customer's current owner (ownership may have moved by a reclaim). */
  async byOwner(what: string, customerId: string, body: CustomerCommandBody, reason?: string): Promise<void> {
    const owner = await this.owner(customerId);
    if (owner) await this.attempt(what, () => this.services.commands.execute(customerId, body, this.context(owner, reason)));
  }
}
