import type { PersonRow, TeamRow } from '../read-models/directory.projection';

/** RFC 7643/7644 schema URNs. */
export const SCIM = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** RFC 7644 §3.12 `scimType` values Rapport answers with. */
export type ScimType = 'invalidFilter' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue';

/** A refusal in SCIM's own terms; the SCIM filter turns it into an Error message body. */
export class ScimError extends Error {
  override readonly name = 'ScimError';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export interface ScimMeta {
  readonly resourceType: 'User' | 'Group';
  readonly created: string;
  readonly lastModified: string;
  readonly location: string;
  readonly version: string;
}

export interface ScimListResponse<T> {
  readonly schemas: readonly [typeof SCIM.list];
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly Resources: readonly T[];
}

export const listResponse = <T>(resources: readonly T[], totalResults: number, startIndex: number): ScimListResponse<T> => ({
  schemas: [SCIM.list],
  totalResults,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});

const metaOf = (resourceType: 'User' | 'Group', row: PersonRow | TeamRow, base: string): ScimMeta => ({
  resourceType,
  created: row.createdAt,
  lastModified: row.updatedAt,
  location: `${base}/${resourceType}s/${encodeURIComponent(row.id)}`,
  version: `W/"${row.version}"`,
});

/** A person as a SCIM User: userName and id are the person id; the team is the one group. */
export function userOf(person: PersonRow, base: string): Record<string, unknown> {
  return {
    schemas: [SCIM.user, SCIM.enterprise],
    id: person.personId,
    ...(person.externalId ? { externalId: person.externalId } : {}),
    userName: person.personId,
    displayName: person.name,
    name: { formatted: person.name },
    active: person.active,
    emails: person.email ? [{ value: person.email, type: 'work', primary: true }] : [],
    roles: person.roles.map((value) => ({ value })),
    groups: person.teamId ? [{ value: person.teamId, $ref: `${base}/Groups/${encodeURIComponent(person.teamId)}` }] : [],
    [SCIM.enterprise]: person.managerId ? { manager: { value: person.managerId, $ref: `${base}/Users/${encodeURIComponent(person.managerId)}` } } : {},
    meta: metaOf('User', person, base),
  };
}

/** A team as a SCIM Group; its members are the people whose team it is. */
export function groupOf(team: TeamRow, members: readonly PersonRow[] | undefined, base: string): Record<string, unknown> {
  return {
    schemas: [SCIM.group],
    id: team.teamId,
    displayName: team.name,
    ...(members ? { members: members.map((p) => ({ value: p.personId, display: p.name, $ref: `${base}/Users/${encodeURIComponent(p.personId)}` })) } : {}),
    meta: metaOf('Group', team, base),
  };
}
