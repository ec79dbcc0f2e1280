import { DomainError, type ReadModelStore } from '@rapport/platform-eventsourcing';
import type { PersonStanding } from '@rapport/customers-domain';
import { DIRECTORY_PEOPLE, type DirectoryPerson } from './directory-copy.projection';

/** The part a person is about to play on a customer (named in the refusal). */
export type PersonPart = 'owner' | 'collaborator' | 'transfer target' | 'assignee';

export class DirectoryConfigError extends Error {
  override readonly name = 'DirectoryConfigError';
}

/**
 * `DIRECTORY_REQUIRED` (default `true`): owners, collaborators and assignees must be active people of the
 * directory copy, and an empty copy refuses them all. `false` lets a customers service run before any
 * directory has published (bootstrapping): while the copy is empty anyone is accepted; once the first person
 * arrives the directory rules (an inactive person is refused either way).
 */
export function loadDirectoryRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env['DIRECTORY_REQUIRED']?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'true') return true;
  if (raw === 'false') return false;
  throw new DirectoryConfigError(`DIRECTORY_REQUIRED must be true or false, not ${JSON.stringify(env['DIRECTORY_REQUIRED'])}`);
}

/**
 * D1, D2 as customers sees them, from its local copy of the directory topic. Use cases ask it before a
 * command (is the new owner an active person?) and pass the answer in the command, where the decider
 * enforces it; deciders stay pure.
 * A moment's lag behind the directory means a person deactivated a second ago may still be accepted once;
 * D2's reassignment then moves that customer too.
 */
export class DirectoryCopy {
  constructor(
    private readonly readModels: ReadModelStore,
    readonly required: boolean,
  ) {}

  async person(id: string): Promise<DirectoryPerson | undefined> {
    return this.readModels.get<DirectoryPerson>(DIRECTORY_PEOPLE, id);
  }

  async standing(id: string): Promise<PersonStanding> {
    const person = await this.person(id);
    return person ? (person.active ? 'active' : 'inactive') : 'unknown';
  }

  /** The standing a command carries: while bootstrapping (`DIRECTORY_REQUIRED=false`, empty copy) everyone counts as active. */
  async effectiveStanding(id: string): Promise<PersonStanding> {
    const standing = await this.standing(id);
    return standing === 'unknown' && !this.required && (await this.isEmpty()) ? 'active' : standing;
  }

  /** D1: refuses (422 naming D1) a person who is not active in the directory, where no decider sees the fact. */
  async requireActive(id: string, part: PersonPart): Promise<void> {
    const standing = await this.effectiveStanding(id);
    if (standing === 'active') return;
    const what = standing === 'unknown' ? 'is not a person of the directory' : 'is no longer active in the directory';
    throw new DomainError('rule_violation', standing === 'unknown' ? 'unknown-person' : 'inactive-person', `${id} ${what}, so cannot be the ${part}`, 'D1', { personId: id, standing, part });
  }

  /** D1: the candidates an assignment policy may pick from, without anyone who is not active. */
  async activeAmong(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    if (!this.required && (await this.isEmpty())) return [...ids];
    const active = await this.readModels.find<DirectoryPerson>(DIRECTORY_PEOPLE, { where: { id: { in: [...ids] }, active: true } });
    const known = new Set(active.map((p) => p.id));
    return ids.filter((id) => known.has(id));
  }

  /** D2: everyone who has left, with why. */
  async inactive(): Promise<DirectoryPerson[]> {
    return this.readModels.find<DirectoryPerson>(DIRECTORY_PEOPLE, { where: { active: false }, orderBy: [{ field: 'id' }] });
  }

  async count(): Promise<number> {
    return this.readModels.count(DIRECTORY_PEOPLE);
  }

  private async isEmpty(): Promise<boolean> {
    return (await this.count()) === 0;
  }
}
