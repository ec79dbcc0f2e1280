import type { CommandContext } from '@rapport/platform-eventsourcing';
import { PERSON_ROLES, type PersonProfile, type PersonRole } from '@rapport/directory-domain';
import type { DirectoryCommands } from '../directory-commands';
import { DIRECTORY_ID } from '../http/directory-dto.helpers';
import { PEOPLE, type PersonRow } from '../read-models/directory.projection';
import { parseEqualityFilter } from './scim-filter';
import type { ScimListQuery, ScimMultiValueDto, ScimPatchOperationDto, ScimUserDto } from './scim.dto';
import { listResponse, SCIM, ScimError, userOf, type ScimListResponse } from './scim.schemas';

/** The changes a PATCH collects, one operation at a time. */
type Editable = { -readonly [K in Exclude<keyof PersonProfile, 'personId'>]?: PersonProfile[K] };
type Resource = Record<string, unknown>;

/** D3: the reason recorded when the identity provider turns a person off. */
export const DEPROVISIONED = 'deprovisioned by the identity provider (SCIM)';

const requireSchema = (schemas: readonly string[], schema: string): void => {
  if (!schemas.includes(schema)) throw new ScimError(400, `schemas must include ${schema}`, 'invalidSyntax');
};

const rolesOf = (values: readonly { value: string }[] | undefined): PersonRole[] => {
  const roles = (values ?? []).map((r) => r.value.toLowerCase());
  const unknown = roles.filter((r) => !(PERSON_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new ScimError(400, `unknown role(s) ${unknown.join(', ')}: Rapport knows ${PERSON_ROLES.join(', ')}`, 'invalidValue');
  return [...new Set(roles)] as PersonRole[];
};

const emailOf = (emails: readonly ScimMultiValueDto[] | undefined): string | null =>
  (emails?.find((e) => e.primary) ?? emails?.[0])?.value.trim().toLowerCase() ?? null;

const nameOf = (user: Pick<ScimUserDto, 'displayName' | 'name'>): string | undefined =>
  user.displayName ?? user.name?.formatted ?? ([user.name?.givenName, user.name?.familyName].filter(Boolean).join(' ') || undefined);

const managerOf = (value: unknown): string | null => {
  const id = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : undefined;
  if (id === undefined || id === null || id === '') return null;
  if (typeof id !== 'string' || !DIRECTORY_ID.test(id)) throw new ScimError(400, 'manager must name a user id', 'invalidValue');
  return id;
};

const booleanOf = (value: unknown): boolean => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimError(400, 'active must be a boolean', 'invalidValue');
};

/**
 * SCIM 2.0 Users (RFC 7643/7644) mapped onto directory commands (D3): create registers a person, PATCH
 * updates them, `active=false` deactivates them (D2), DELETE deactivates too (history is never deleted).
 */
export class ScimUsersService {
  constructor(private readonly commands: DirectoryCommands) {}

  async create(body: ScimUserDto, base: string, context: CommandContext): Promise<Resource> {
    requireSchema(body.schemas, SCIM.user);
    if ((await this.commands.person(body.userName)).status !== 'unknown') throw new ScimError(409, `userName ${body.userName} is already taken`, 'uniqueness');
    const managerId = managerOf(body[SCIM.enterprise]?.manager);
    const person: PersonProfile = {
      personId: body.userName,
      name: nameOf(body) ?? body.userName,
      email: emailOf(body.emails),
      roles: rolesOf(body.roles),
      teamId: null,
      managerId,
      externalId: body.externalId ?? null,
    };
    const registered = await this.commands.registerPerson(person, context);
    await this.commands.settled(registered.events);
    if (body.active === false) await this.setActive(person.personId, false, context);
    return this.get(person.personId, base);
  }

  async get(id: string, base: string): Promise<Resource> {
    return userOf(await this.row(id), base);
  }

  async list(query: ScimListQuery, base: string): Promise<ScimListResponse<Resource>> {
    const filter = parseEqualityFilter(query.filter, ['userName', 'externalId', 'id', 'active']);
    const startIndex = query.startIndex ?? 1;
    const count = query.count ?? 100;
    const where = filter ? { [filter.attribute === 'userName' ? 'id' : filter.attribute]: filter.value } : {};
    const store = this.commands.host.readModels;
    const [rows, total] = await Promise.all([
      count === 0 ? Promise.resolve([]) : store.find<PersonRow>(PEOPLE, { where, orderBy: [{ field: 'id' }], limit: count, offset: startIndex - 1 }),
      store.count(PEOPLE, { where }),
    ]);
    return listResponse(rows.map((r) => userOf(r, base)), total, startIndex);
  }

  async patch(id: string, operations: readonly ScimPatchOperationDto[], schemas: readonly string[], base: string, context: CommandContext): Promise<Resource> {
    requireSchema(schemas, SCIM.patch);
    await this.row(id);
    const changes: Editable = {};
    let active: boolean | undefined;
    const apply = (path: string, value: unknown, op: 'add' | 'remove' | 'replace'): void => {
      const key = path.toLowerCase();
      if (op === 'remove') {
        if (key === `${SCIM.enterprise}:manager`.toLowerCase()) changes.managerId = null;
        else if (key === 'emails' || key.startsWith('emails[')) changes.email = null;
        else if (key === 'roles') changes.roles = [];
        else if (key === 'externalid') changes.externalId = null;
        else throw new ScimError(400, `cannot remove ${path}`, 'invalidPath');
        return;
      }
      if (key === 'active') active = booleanOf(value);
      else if (key === 'displayname' || key === 'name.formatted') changes.name = String(value);
      else if (key === 'name') changes.name = nameOf({ name: value as ScimUserDto['name'] }) ?? changes.name;
      else if (key === 'emails' || key === 'emails[type eq "work"].value' || key === 'emails[primary eq true].value') {
        changes.email = typeof value === 'string' ? value.trim().toLowerCase() : emailOf(value as ScimMultiValueDto[]);
      } else if (key === 'roles') changes.roles = rolesOf(value as { value: string }[]);
      else if (key === 'externalid') changes.externalId = value === null ? null : String(value);
      else if (key === `${SCIM.enterprise}:manager`.toLowerCase()) changes.managerId = managerOf(value);
      else if (key === SCIM.enterprise.toLowerCase() && typeof value === 'object' && value !== null) {
        if ('manager' in value) changes.managerId = managerOf((value as { manager: unknown }).manager);
      } else if (key === 'username' || key === 'id') throw new ScimError(400, `${path} cannot change`, 'mutability');
      // Name parts and other attributes the directory does not keep are accepted and left alone.
      else if (!/^(name\.\w+|nickname|title|usertype|preferredlanguage|locale|timezone|phonenumbers.*|addresses.*|profileurl|urn:ietf:params:scim:schemas:extension:enterprise:2\.0:user:\w+)$/.test(key)) {
        throw new ScimError(400, `unknown attribute ${path}`, 'invalidPath');
      }
    };
    for (const operation of operations) {
      if (operation.path) apply(operation.path, operation.value, operation.op);
      else if (operation.op === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
      else if (typeof operation.value === 'object' && operation.value !== null && !Array.isArray(operation.value)) {
        for (const [path, value] of Object.entries(operation.value)) apply(path, value, operation.op);
      } else throw new ScimError(400, `${operation.op} without a path needs an object value`, 'invalidValue');
    }
    if (Object.keys(changes).length > 0) await this.commands.settled((await this.commands.updatePerson(id, changes, { ...context, commandId: `${context.commandId}/update` })).events);
    if (active !== undefined) await this.setActive(id, active, { ...context, commandId: `${context.commandId}/active` });
    return this.get(id, base);
  }

  /** DELETE: the person is deactivated (D2), never erased: their history and customers' history stay whole. */
  async delete(id: string, context: CommandContext): Promise<void> {
    await this.row(id);
    await this.setActive(id, false, context);
  }

  private async setActive(id: string, active: boolean, context: CommandContext): Promise<void> {
    const result = await this.commands.setActive(id, active, active ? 'reactivated by the identity provider (SCIM)' : DEPROVISIONED, context);
    await this.commands.settled(result.events);
  }

  private async row(id: string): Promise<PersonRow> {
    const row = DIRECTORY_ID.test(id) ? await this.commands.host.readModels.get<PersonRow>(PEOPLE, id) : undefined;
    if (!row) throw new ScimError(404, `User ${id} not found`);
    return row;
  }
}
