import { DomainError } from '@rapport/platform-eventsourcing';
import { hasRole, type Principal } from '@rapport/platform-nest';
import { mayPitchAs, type GateState } from '@rapport/sales-gating-domain';
import type { GateDoc } from '../read-models/gates.projection';

/** Managers, auditors, admins and integrators see every customer's gate; a rep only those they own or collaborate on (G6). */
export const seesEveryone = (principal: Principal): boolean => hasRole(principal, 'manager', 'auditor', 'admin', 'integrator');

/** G6: a rep reads or acts on a customer only as its owner or a collaborator; an unknown customer is a 404. */
export function requireAccess(principal: Principal, customerId: string, doc: GateDoc | undefined): GateState {
  if (!doc || doc.state.ownerId === null) throw new DomainError('not_found', 'not-found', `gating knows no customer ${customerId}`, undefined, { id: customerId });
  if (!seesEveryone(principal) && !mayPitchAs(doc.state, principal.id)) {
    throw new DomainError('forbidden', 'not-owner-or-collaborator', 'only the owner or a collaborator may see or act on this customer', 'G6');
  }
  return doc.state;
}

/** G6: a rep asks only for themselves; others (managers, dialers) may ask for any rep. */
export function requireSelfOrOversight(principal: Principal, repId: string): void {
  if (repId !== principal.id && !seesEveryone(principal)) throw new DomainError('forbidden', 'not-your-checks', 'a rep asks only about their own pitches', 'G6');
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
