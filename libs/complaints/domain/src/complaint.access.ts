import { DomainError } from '@rapport/platform-eventsourcing';
import type { ComplaintActor } from './complaint.commands';
import type { ComplaintState } from './complaint.state';

export const isManager = (actor: ComplaintActor): boolean => actor.roles.includes('manager') || actor.roles.includes('admin');
const isSystem = (actor: ComplaintActor): boolean => actor.roles.includes('integrator') || actor.roles.includes('system');

export function requireReceived(s: ComplaintState): void {
  if (s.status === 'none') throw new DomainError('not_found', 'complaint-not-found', 'no such complaint', 'K1');
}

export function requireOpen(s: ComplaintState): void {
  requireReceived(s);
  if (s.status === 'closed') throw new DomainError('conflict', 'complaint-closed', `complaint ${s.reference} is closed: the customer confirmed its resolution`, 'K5');
}

/** K2: the work is the owner's; a manager may step in. Another rep may not act on someone else's complaint. */
export function requireOwner(s: ComplaintState, actor: ComplaintActor): void {
  if (actor.id === s.ownerId || isManager(actor)) return;
  throw new DomainError('forbidden', 'not-the-owner', `complaint ${s.reference} is owned by ${s.ownerId}`, 'K2', { ownerId: s.ownerId });
}

/**
 * K2: the first receiver stays accountable, so she may hand the work over (or take it back) too; and the
 * service itself moves the work of someone who left (D2).
 */
export function requireOwnerOrAccountable(s: ComplaintState, actor: ComplaintActor): void {
  if (actor.id === s.accountableId || actor.roles.includes('system')) return;
  requireOwner(s, actor);
}

/** K5: the customer's word is recorded by the owner, the accountable first receiver, a manager, or an integrator's channel. */
export function requireCustomerVoice(s: ComplaintState, actor: ComplaintActor): void {
  if (isSystem(actor)) return;
  requireOwnerOrAccountable(s, actor);
}
