import { fold } from '@rapport/platform-eventsourcing';
import {
  createCustomerDecider,
  defaultCustomerPolicy,
  type CommandActor,
  type CustomerCommand,
  type CustomerCommandBody,
  type CustomerEvent,
  type CustomerPolicy,
  type CustomerRecord,
} from '../src';

/** Shared fixtures of the customer specs: people, a start date, and a way to build history from commands. */
export const DAY_MS = 86_400_000;
export const T0 = new Date('2026-01-05T09:00:00.000Z');
export const dayN = (n: number): Date => new Date(T0.getTime() + n * DAY_MS);

export const ana: CommandActor = { id: 'rep-ana', roles: ['rep'] };
export const ben: CommandActor = { id: 'rep-ben', roles: ['rep'] };
export const max: CommandActor = { id: 'manager-max', roles: ['manager'] };
export const ada: CommandActor = { id: 'auditor-ada', roles: ['auditor'] };

export const CUSTOMER = 'c-mia';

export const cmd = (body: CustomerCommandBody, actor: CommandActor = ana, now: Date = T0): CustomerCommand =>
  ({ ...body, actor, now }) as CustomerCommand;

export const register = (overrides: Partial<Extract<CustomerCommandBody, { type: 'register-customer' }>> = {}): CustomerCommandBody => ({
  type: 'register-customer',
  customerId: CUSTOMER,
  name: 'Mia Wong',
  phone: '+14155550100',
  email: 'mia@example.com',
  ...overrides,
});

export const purchase = (purchaseId: string, amount: number, occurredAt: Date, category = 'laptops'): CustomerCommandBody => ({
  type: 'record-purchase',
  purchaseId,
  amount,
  currency: 'USD',
  category,
  occurredAt,
});

export const contact = (occurredAt: Date, outcome: 'reached' | 'interested' | 'no-answer' = 'reached'): CustomerCommandBody => ({
  type: 'log-contact',
  contactId: `contact-${occurredAt.getTime()}`,
  channel: 'call',
  direction: 'outbound',
  outcome,
  notes: null,
  nextStep: null,
  nextStepAt: null,
  occurredAt,
});

/** Runs commands through the decider and returns every event: a `given` that is valid by construction. */
export function historyOf(commands: readonly CustomerCommand[], policy: CustomerPolicy = defaultCustomerPolicy): CustomerEvent[] {
  const decider = createCustomerDecider(policy);
  const events: CustomerEvent[] = [];
  for (const command of commands) events.push(...decider.decide(command, fold(decider, events)));
  return events;
}

export const stateOf = (events: readonly CustomerEvent[]): CustomerRecord => {
  const state = fold(createCustomerDecider(), events);
  if (state.status === 'unregistered') throw new Error('no customer in this history');
  return state;
};

export const typesOf = (events: readonly CustomerEvent[]): string[] => events.map((e) => e.type);

export const ofType = <T extends CustomerEvent['type']>(events: readonly CustomerEvent[], type: T): Extract<CustomerEvent, { type: T }>[] =>
  events.filter((e): e is Extract<CustomerEvent, { type: T }> => e.type === type);
