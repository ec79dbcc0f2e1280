import { DomainError, notFound, type ReadModelStore } from '@rapport/platform-eventsourcing';
import { hasRole, type Principal } from '@rapport/platform-nest';
import { isOwnerOrCollaborator } from '@rapport/customers-domain';
import { CUSTOMER_CARDS, type CustomerCard } from '../read-models/customer-card.model';

/** Managers, auditors and admins read every card. */
export const readsAll = (principal: Principal): boolean => hasRole(principal, 'manager', 'auditor', 'admin');

/**
 * C3: a rep reads only customers they own or collaborate on. Another rep's customer is a 403 that says
 * nothing more: the duplicate check's "exists, owned by X" is the most a rep learns about it.
 */
export async function readableCard(readModels: ReadModelStore, principal: Principal, customerId: string): Promise<CustomerCard> {
  const card = await readModels.get<CustomerCard>(CUSTOMER_CARDS, customerId);
  if (!card) throw notFound('customer', customerId);
  if (!readsAll(principal) && !isOwnerOrCollaborator(principal.id, { ownerId: card.ownerId, collaborators: card.collaboratorIds })) {
    throw new DomainError('forbidden', 'not-owner-or-collaborator', `customer ${customerId} belongs to another rep`, 'C3');
  }
  return card;
}
