import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { sleep, ALWAYS_OPEN } from '@rapport/platform-eventsourcing';
import { ENVIRONMENT, type RapportEnvironment } from '@rapport/platform-nest';
import { DirectoryCommands, seedDirectory } from '@rapport/directory-app';
import { type PersonProfile, type PersonRole } from '@rapport/directory-domain';
import { DirectoryCopy } from '@rapport/customers-app';
import { DEV_PRINCIPALS } from './dev-tokens';

const SYSTEM = { id: 'rapport-seed', kind: 'system', roles: ['admin'] } as const;

/** The development people as directory people (D1): reps managed by manager-max, in team east. */
export const DEV_PEOPLE: readonly PersonProfile[] = DEV_PRINCIPALS.map((p) => ({
  personId: p.id,
  name: p.id,
  email: null,
  roles: p.roles as readonly PersonRole[],
  teamId: p.team ?? null,
  managerId: p.managerId ?? null,
  externalId: null,
}));

/**
 * Embedded mode: the people whose development tokens main.ts prints exist in the directory as active people,
 * so a fresh install can register customers at once (D1 refuses owners the directory does not know).
 * Start-up waits until customers' copy of the directory has them; an admin may change or deactivate them later
 * (the seed never overwrites a person who exists).
 */
export class DevDirectorySeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('directory-seed');

  constructor(
    @Inject(ENVIRONMENT) private readonly environment: RapportEnvironment,
    @Inject(DirectoryCommands) private readonly directory: DirectoryCommands,
    @Inject(DirectoryCopy) private readonly copy: DirectoryCopy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.environment.RAPPORT_MODE !== 'embedded') return;
    const now = new Date();
    const context = { commandId: 'seed/dev-directory', actor: SYSTEM, now, correlationId: 'seed/dev-directory', causationId: 'seed/dev-directory', via: 'system' as const };
    const created = await seedDirectory(this.directory, { teams: [{ ...ALWAYS_OPEN, teamId: 'east', name: 'East' }], people: DEV_PEOPLE }, context);
    if (created.length > 0) this.logger.log(`development people added to the directory: ${created.join(', ')}`);
    for (const deadline = Date.now() + 15_000; !(await this.copyHasEveryone()); await sleep(20)) {
      if (Date.now() > deadline) return this.logger.warn('customers has not yet received the development people from the directory topic');
    }
  }

  private async copyHasEveryone(): Promise<boolean> {
    return (await Promise.all(DEV_PEOPLE.map((p) => this.copy.standing(p.personId)))).every((s) => s !== 'unknown');
  }
}
