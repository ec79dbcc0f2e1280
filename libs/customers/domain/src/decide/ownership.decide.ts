import { conflict, isManager, requireActive, requireManager, requireWorker, violation } from '../customer.access';
import type { AddCollaborator, PersonStanding, ReclaimCustomer, RegisterCustomer, RemoveCollaborator, TransferOwnership } from '../customer.commands';
import { reclaimBasis, reclaimStatusAt } from '../customer.derived';
import type { CustomerEvent } from '../customer.events';
import type { CustomerPolicy } from '../customer.policy';
import type { CustomerState } from '../customer.state';
import { addDays } from '../time';

/** D1: owners, collaborators, transfer targets and assignees are active people of the directory. */
function requireActivePerson(personId: string, standing: PersonStanding | undefined, part: string): void {
  if (standing === undefined || standing === 'active') return;
  const what = standing === 'unknown' ? 'is not a person of the directory' : 'is no longer active in the directory';
  throw violation('D1', `${standing}-person`, `${personId} ${what}, so cannot be the ${part}`, { personId, standing, part });
}

/**
 * C1, C3: the first to register owns the customer. Phone/email uniqueness is the contact-key registry's job;
 * a prospect known only by name (met at an event) may be registered, though nothing can dedupe it yet.
 */
export function decideRegister(c: RegisterCustomer, state: CustomerState): CustomerEvent[] {
  if (state.status !== 'unregistered') throw conflict('C1', 'customer-exists', `customer ${c.customerId} is already registered`);
  // Only a manager may register on another rep's behalf (imports of a team's lists): reps always own what they register.
  if (c.ownerId !== undefined && c.ownerId !== c.actor.id && !isManager(c.actor)) {
    throw violation('C3', 'owner-is-registrant', 'a rep registers customers for themselves; only a manager may name another owner');
  }
  return [
    {
      type: 'customers.customer-registered.v1',
      data: {
        customerId: c.customerId,
        name: c.name,
        phone: c.phone,
        email: c.email,
        ownerId: c.ownerId ?? c.actor.id,
        registeredAt: c.now.toISOString(),
        company: c.company ?? null,
        registeredBy: c.actor.id,
        source: c.source ?? 'api',
        ...(c.importId ? { importId: c.importId } : {}),
      },
    },
  ];
}

/** C3: ownership changes only by an explicit transfer, by a manager, with a reason. */
export function decideTransfer(c: TransferOwnership, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  requireManager(c.actor, 'C3', 'transfer ownership');
  requireActivePerson(c.toOwnerId, c.toOwnerStanding, 'transfer target');
  if (c.toOwnerId === s.ownerId) throw violation('C3', 'already-owner', `${c.toOwnerId} already owns customer ${s.customerId}`);
  return [
    {
      type: 'customers.ownership-transferred.v1',
      data: { customerId: s.customerId, fromOwnerId: s.ownerId, toOwnerId: c.toOwnerId, reason: c.reason, by: c.actor.id, at: c.now.toISOString() },
    },
  ];
}

/** C4: a neglected customer is reassigned by a manager or by the auto-assignment policy, never before it is reclaimable (D2: unless its owner left). */
export function decideReclaim(c: ReclaimCustomer, state: CustomerState, policy: CustomerPolicy): CustomerEvent[] {
  const s = requireActive(state);
  requireManager(c.actor, 'C4', 'reclaim a customer');
  // D2: a customer of someone who left is reassignable at once; the flag must name the current owner.
  const ownerLeft = c.deactivatedOwnerId !== undefined && c.deactivatedOwnerId === s.ownerId;
  if (!ownerLeft && reclaimStatusAt(s, c.now, policy) !== 'reclaimable') {
    throw violation('C4', 'not-reclaimable', `customer ${s.customerId} had an owner contact within ${policy.reclaim.afterDays} days`, {
      lastOwnerContactAt: reclaimBasis(s),
      policyVersion: policy.version,
    });
  }
  requireActivePerson(c.toOwnerId, c.toOwnerStanding, 'assignee');
  if (c.toOwnerId === s.ownerId) throw violation('C4', 'already-owner', `${c.toOwnerId} already owns customer ${s.customerId}`);
  return [
    {
      type: 'customers.customer-reclaimed.v1',
      data: {
        customerId: s.customerId,
        fromOwnerId: s.ownerId,
        toOwnerId: c.toOwnerId,
        assignment: c.assignment,
        reason: c.reason,
        lastOwnerContactAt: reclaimBasis(s),
        // The old owner's overdue follow-up is not the new owner's debt: they start with a first contact.
        followUp: {
          nextStep: 'first contact by the new owner',
          nextStepAt: addDays(c.now.toISOString(), policy.reclaim.newOwnerFirstContactDays),
        },
        by: c.actor.id,
        at: c.now.toISOString(),
        policyVersion: policy.version,
      },
    },
  ];
}

/** C3: collaborators help, but commission stays with the owner; the owner or a manager chooses them. */
export function decideAddCollaborator(c: AddCollaborator, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  if (!isManager(c.actor) && c.actor.id !== s.ownerId) requireManager(c.actor, 'C3', 'add collaborators to a customer they do not own');
  requireActivePerson(c.collaboratorId, c.collaboratorStanding, 'collaborator');
  if (c.collaboratorId === s.ownerId) throw violation('C3', 'owner-cannot-collaborate', `${c.collaboratorId} owns customer ${s.customerId}`);
  if (s.collaborators.includes(c.collaboratorId)) return [];
  const data = { customerId: s.customerId, collaboratorId: c.collaboratorId, ownerId: s.ownerId, by: c.actor.id, at: c.now.toISOString() };
  return [{ type: 'customers.collaborator-added.v1', data: { ...data, collaboratorIds: [...s.collaborators, c.collaboratorId] } }];
}

export function decideRemoveCollaborator(c: RemoveCollaborator, state: CustomerState): CustomerEvent[] {
  const s = requireActive(state);
  // A collaborator may step back on their own; otherwise it is the owner's or a manager's call.
  if (c.actor.id !== c.collaboratorId) {
    requireWorker(c.actor, s);
    if (!isManager(c.actor) && c.actor.id !== s.ownerId) requireManager(c.actor, 'C3', 'remove another collaborator');
  }
  if (!s.collaborators.includes(c.collaboratorId)) {
    throw violation('C3', 'not-a-collaborator', `${c.collaboratorId} does not collaborate on customer ${s.customerId}`);
  }
  return [
    {
      type: 'customers.collaborator-removed.v1',
      data: {
        customerId: s.customerId,
        collaboratorId: c.collaboratorId,
        ownerId: s.ownerId,
        collaboratorIds: s.collaborators.filter((id) => id !== c.collaboratorId),
        reason: c.reason,
        by: c.actor.id,
        at: c.now.toISOString(),
      },
    },
  ];
}
