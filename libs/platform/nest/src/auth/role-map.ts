import { ROLES, type Role } from './principal';

/** IdP role or group name → the Rapport roles it grants. */
export type RoleMap = ReadonlyMap<string, readonly Role[]>;

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/**
 * Reads `OIDC_ROLE_MAP`: a JSON object from IdP role/group names to a Rapport role or a list of them,
 * e.g. `{"crm-sales":"rep","crm-leads":["rep","manager"]}`.
 * @returns the map, or a message saying what is wrong with the text.
 */
export function parseRoleMap(text: string): RoleMap | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'OIDC_ROLE_MAP must be a JSON object, e.g. {"crm-sales":"rep","crm-leads":["rep","manager"]}';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'OIDC_ROLE_MAP must be a JSON object of IdP role → Rapport role(s)';
  const entries: [string, Role[]][] = [];
  for (const [idpRole, target] of Object.entries(parsed)) {
    const roles: unknown[] = Array.isArray(target) ? target : [target];
    const unknown = roles.filter((role) => !isRole(role));
    if (unknown.length > 0) return `OIDC_ROLE_MAP["${idpRole}"] names unknown role(s) ${JSON.stringify(unknown)} (known: ${ROLES.join(', ')})`;
    entries.push([idpRole, roles as Role[]]);
  }
  return new Map(entries);
}

/**
 * The Rapport roles an IdP grants. Without a map, IdP roles that already carry Rapport names count as
 * themselves; with one, only mapped names count — an IdP's `admin` need not be ours.
 */
export function rapportRolesOf(idpRoles: readonly string[], map: RoleMap | undefined): Role[] {
  const granted = map ? idpRoles.flatMap((role) => map.get(role) ?? []) : idpRoles.filter(isRole);
  return [...new Set(granted)];
}
