import { type CommandContext, ALWAYS_OPEN } from '@rapport/platform-eventsourcing';
import type { DirectoryCommands } from '../directory-commands';
import { DIRECTORY_ID } from '../http/directory-dto.helpers';
import { PEOPLE, TEAMS, type PersonRow, type TeamRow } from '../read-models/directory.projection';
import { parseEqualityFilter } from './scim-filter';
import type { ScimGroupDto, ScimListQuery, ScimPatchOperationDto } from './scim.dto';
import { groupOf, listResponse, SCIM, ScimError, type ScimListResponse } from './scim.schemas';

type Resource = Record<string, unknown>;

/** A group id made from its display name: `Sales East` → `sales-east`. */
export const groupIdOf = (displayName: string): string =>
  displayName
    .normalize('NFKD')
    .replace(/[^\w\s.-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .slice(0, 100);

const MEMBER_FILTER = /^members\[value eq "((?:[^"\\]|\\.)*)"\]$/i;

const memberIdsOf = (value: unknown): string[] => {
  if (!Array.isArray(value)) throw new ScimError(400, 'members must be a list of { value }', 'invalidValue');
  return value.map((m) => {
    const id = typeof m === 'object' && m !== null ? (m as { value?: unknown }).value : undefined;
    if (typeof id !== 'string' || !DIRECTORY_ID.test(id)) throw new ScimError(400, 'each member needs the value of a user id', 'invalidValue');
    return id;
  });
};

/**
 * SCIM 2.0 Groups are the directory's teams (D1, D3): a group's members are the people whose team it is.
 * A team created by the identity provider is open around the clock until an admin gives it business hours.
 * A person belongs to one team, so adding them to a group moves them from their previous one.
 */
export class ScimGroupsService {
  constructor(private readonly commands: DirectoryCommands) {}

  async create(body: ScimGroupDto, base: string, context: CommandContext): Promise<Resource> {
    if (!body.schemas.includes(SCIM.group)) throw new ScimError(400, `schemas must include ${SCIM.group}`, 'invalidSyntax');
    const teamId = groupIdOf(body.displayName);
    if (!DIRECTORY_ID.test(teamId)) throw new ScimError(400, 'displayName needs letters or digits', 'invalidValue');
    if ((await this.commands.team(teamId)).status !== 'undefined') throw new ScimError(409, `group ${body.displayName} exists`, 'uniqueness');
    const members = memberIdsOf(body.members ?? []);
    await this.requirePeople(members);
    const result = await this.commands.defineTeam({ ...ALWAYS_OPEN, teamId, name: body.displayName }, { ...context, commandId: `${context.commandId}/team` });
    await this.commands.settled(result.events);
    await this.move(members, teamId, context);
    return this.get(teamId, base, false);
  }

  async get(id: string, base: string, excludeMembers: boolean): Promise<Resource> {
    const team = await this.row(id);
    return groupOf(team, excludeMembers ? undefined : await this.members(id), base);
  }

  async list(query: ScimListQuery, base: string): Promise<ScimListResponse<Resource>> {
    const filter = parseEqualityFilter(query.filter, ['displayName', 'id']);
    const where = filter ? { [filter.attribute === 'displayName' ? 'name' : 'id']: filter.value } : {};
    const startIndex = query.startIndex ?? 1;
    const count = query.count ?? 100;
    const store = this.commands.host.readModels;
    const excludeMembers = /\bmembers\b/i.test(query.excludedAttributes ?? '');
    const [rows, total] = await Promise.all([
      count === 0 ? Promise.resolve([]) : store.find<TeamRow>(TEAMS, { where, orderBy: [{ field: 'id' }], limit: count, offset: startIndex - 1 }),
      store.count(TEAMS, { where }),
    ]);
    const resources = await Promise.all(rows.map(async (t) => groupOf(t, excludeMembers ? undefined : await this.members(t.teamId), base)));
    return listResponse(resources, total, startIndex);
  }

  async patch(id: string, operations: readonly ScimPatchOperationDto[], schemas: readonly string[], base: string, context: CommandContext): Promise<Resource> {
    if (!schemas.includes(SCIM.patch)) throw new ScimError(400, `schemas must include ${SCIM.patch}`, 'invalidSyntax');
    const team = await this.row(id);
    let name = team.name;
    const add = new Set<string>();
    const remove = new Set<string>();
    let replaceAll: string[] | undefined;
    for (const { op, path, value } of operations) {
      const key = path?.toLowerCase();
      const filtered = path ? MEMBER_FILTER.exec(path) : null;
      if (op === 'remove' && filtered) remove.add(filtered[1]!);
      else if (op === 'remove' && key === 'members' && value === undefined) replaceAll = [];
      else if (op === 'remove' && key === 'members') memberIdsOf(value).forEach((m) => remove.add(m));
      else if (op === 'add' && key === 'members') memberIdsOf(value).forEach((m) => add.add(m));
      else if (op === 'replace' && key === 'members') replaceAll = memberIdsOf(value);
      else if (op !== 'remove' && key === 'displayname') name = String(value);
      else if (op !== 'remove' && key === undefined && typeof value === 'object' && value !== null) {
        const v = value as { displayName?: unknown; members?: unknown };
        if (v.displayName !== undefined) name = String(v.displayName);
        if (v.members !== undefined && op === 'add') memberIdsOf(v.members).forEach((m) => add.add(m));
        else if (v.members !== undefined) replaceAll = memberIdsOf(v.members);
      } else if (key === 'externalid') continue;
      else throw new ScimError(400, `unsupported operation ${op} ${path ?? '(no path)'}`, path ? 'invalidPath' : 'noTarget');
    }
    const current = (await this.members(id)).map((p) => p.personId);
    const leaving = replaceAll ? current.filter((m) => !replaceAll!.includes(m)) : [...remove].filter((m) => current.includes(m));
    const joining = [...(replaceAll ?? []), ...add].filter((m) => !current.includes(m));
    await this.requirePeople(joining);
    if (name !== team.name) {
      const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...definition } = team;
      await this.commands.settled((await this.commands.defineTeam({ ...definition, name }, { ...context, commandId: `${context.commandId}/team` })).events);
    }
    await this.move(joining, id, context);
    await this.move(leaving, null, context);
    return this.get(id, base, false);
  }

  private async move(people: readonly string[], teamId: string | null, context: CommandContext): Promise<void> {
    for (const personId of people) {
      const result = await this.commands.updatePerson(personId, { teamId }, { ...context, commandId: `${context.commandId}/member/${personId}/${teamId ?? 'none'}` });
      await this.commands.settled(result.events);
    }
  }

  private async requirePeople(ids: readonly string[]): Promise<void> {
    const unknown: string[] = [];
    for (const id of ids) if ((await this.commands.person(id)).status === 'unknown') unknown.push(id);
    if (unknown.length > 0) throw new ScimError(400, `unknown member(s): ${unknown.join(', ')}`, 'invalidValue');
  }

  private members(teamId: string): Promise<PersonRow[]> {
    return this.commands.host.readModels.find<PersonRow>(PEOPLE, { where: { teamId }, orderBy: [{ field: 'id' }], limit: 10_000 });
  }

  private async row(id: string): Promise<TeamRow> {
    const row = DIRECTORY_ID.test(id) ? await this.commands.host.readModels.get<TeamRow>(TEAMS, id) : undefined;
    if (!row) throw new ScimError(404, `Group ${id} not found`);
    return row;
  }
}
