/** Who sends a directory command: an admin, the identity provider (SCIM) or the embedded seed. */
export interface DirectoryActor {
  readonly id: string;
  readonly roles: readonly string[];
}

/** Every command carries its actor and the injected clock reading: decide never reads a clock. */
export interface DirectoryMeta {
  readonly actor: DirectoryActor;
  readonly now: Date;
}

/** The roles a person may hold; the same vocabulary the tokens carry. */
export const PERSON_ROLES = ['rep', 'manager', 'auditor', 'integrator', 'admin'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** What the use case read elsewhere in the directory (D1), so the decider stays pure. */
export interface PersonFacts {
  /** The named manager's standing; absent when no manager is named. */
  readonly manager?: 'active' | 'inactive' | 'unknown';
  /** Whether the named team is defined; absent when no team is named. */
  readonly teamDefined?: boolean;
}
