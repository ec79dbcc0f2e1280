import { DomainError } from '@rapport/platform-eventsourcing';
import type { CommandActor } from './customer.commands';
import type { CustomerRecord, CustomerState } from './customer.state';

/**
 * Who may do what to a customer (C3). Checked inside decide, against the state the events are appended to,
 * so a transfer that lands a moment earlier can never let the previous owner slip a change in.
 */
export const isManager = (actor: Pick<CommandActor, 'roles'>): boolean => actor.roles.includes('manager') || actor.roles.includes('admin');

export const isOwnerOrCollaborator = (actorId: string, s: Pick<CustomerRecord, 'ownerId' | 'collaborators'>): boolean =>
  s.ownerId === actorId || s.collaborators.includes(actorId);

/** Reps work on customers they own or collaborate on; managers on any. */
export const mayWorkOn = (actor: CommandActor, s: Pick<CustomerRecord, 'ownerId' | 'collaborators'>): boolean =>
  isManager(actor) || isOwnerOrCollaborator(actor.id, s);

export function requireRegistered(state: CustomerState, what = 'customer'): CustomerRecord {
  if (state.status === 'unregistered') throw new DomainError('not_found', 'not-found', `${what} does not exist`);
  return state;
}

/** A merged record is frozen (C2): changes go to the survivor, or the merge is undone first. */
export function requireActive(state: CustomerState): CustomerRecord {
  const s = requireRegistered(state);
  if (s.status === 'merged') {
    throw new DomainError('conflict', 'customer-merged', `customer ${s.customerId} was merged into ${s.mergedInto?.survivorId}`, 'C2', {
      survivorId: s.mergedInto?.survivorId,
    });
  }
  return s;
}

export function requireWorker(actor: CommandActor, s: CustomerRecord, allowIntegrator = false): void {
  if (mayWorkOn(actor, s) || (allowIntegrator && actor.roles.includes('integrator'))) return;
  // Say no more than that: a rep may not learn anything about another rep's customer (C3).
  throw new DomainError('forbidden', 'not-owner-or-collaborator', `only the owner, a collaborator or a manager may change customer ${s.customerId}`, 'C3');
}

export function requireManager(actor: CommandActor, rule: string, action: string): void {
  if (!isManager(actor)) throw new DomainError('forbidden', 'manager-only', `only a manager may ${action}`, rule);
}

export const violation = (rule: string, code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('rule_violation', code, message, rule, details);

export const conflict = (rule: string, code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('conflict', code, message, rule, details);
