export const ROLES = ['rep', 'manager', 'auditor', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The authenticated caller. It is the actor of every command it sends — never a field of a request body,
 * so nobody can act in another's name by editing JSON.
 */
export interface Principal {
  readonly id: string;
  readonly kind: 'user' | 'integrator';
  readonly roles: readonly Role[];
  readonly team?: string;
  /** The principal's manager: escalations (K3) and alerts (G3) go there. */
  readonly managerId?: string;
}

export const hasRole = (principal: Principal, ...roles: readonly Role[]): boolean =>
  roles.some((role) => principal.roles.includes(role));
