import type { CommandContext } from '@rapport/platform-eventsourcing';
import type { PersonProfile, TeamDefinition } from '@rapport/directory-domain';
import type { DirectoryCommands } from '../directory-commands';

export interface DirectorySeed {
  readonly teams: readonly TeamDefinition[];
  readonly people: readonly PersonProfile[];
}

/**
 * Makes sure the seed's teams and people exist (embedded mode: the development principals). Idempotent:
 * a person who exists is left as they are — an admin may have changed or deactivated them since.
 * Managers are registered before the people they manage (D1 checks the manager is active).
 */
export async function seedDirectory(commands: DirectoryCommands, seed: DirectorySeed, context: CommandContext): Promise<string[]> {
  const created: string[] = [];
  for (const team of seed.teams) {
    if ((await commands.team(team.teamId)).status === 'undefined') await commands.defineTeam(team, { ...context, commandId: `${context.commandId}/team/${team.teamId}` });
  }
  const pending = [...seed.people];
  const known = new Set<string>();
  while (pending.length > 0) {
    const index = pending.findIndex((p) => p.managerId === null || known.has(p.managerId) || !pending.some((q) => q.personId === p.managerId));
    const [person] = pending.splice(index === -1 ? 0 : index, 1);
    known.add(person!.personId);
    if ((await commands.person(person!.personId)).status !== 'unknown') continue;
    const result = await commands.registerPerson(person!, { ...context, commandId: `${context.commandId}/person/${person!.personId}` });
    await commands.settled(result.events);
    created.push(person!.personId);
  }
  return created;
}
