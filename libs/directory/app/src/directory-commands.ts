import { CommandHandler, fold, toDomainEvent, type CommandContext, type HandleResult, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import {
  personDecider,
  personStreamId,
  teamDecider,
  teamStreamId,
  type DirectoryMeta,
  type PersonCommand,
  type PersonEvent,
  type PersonFacts,
  type PersonProfile,
  type PersonState,
  type TeamDefinition,
  type TeamEvent,
  type TeamState,
} from '@rapport/directory-domain';
import { DIRECTORY_PROJECTION } from './read-models/directory.projection';

type Editable = Partial<Omit<PersonProfile, 'personId'>>;

const metaOf = (context: CommandContext): DirectoryMeta => ({ actor: { id: context.actor.id, roles: context.actor.roles ?? [] }, now: context.now });

/**
 * Runs the directory's commands (D1, D2). Facts a decider needs from other streams (is the manager an
 * active person, is the team defined) are read here from those streams — consistent, unlike the read model —
 * and handed to the pure decider in the command.
 */
export class DirectoryCommands {
  private readonly people: CommandHandler<PersonCommand, PersonEvent, PersonState>;
  private readonly teams: CommandHandler<TeamCommandOf, TeamEvent, TeamState>;

  constructor(readonly host: ServiceHost) {
    this.people = new CommandHandler(host.events, personDecider);
    this.teams = new CommandHandler(host.events, teamDecider);
  }

  registerPerson(person: PersonProfile, context: CommandContext): Promise<HandleResult<PersonEvent, PersonState>> {
    return this.facts(person).then((facts) => this.people.handle(personStreamId(person.personId), { ...metaOf(context), type: 'register-person', person, facts }, context, 'new'));
  }

  updatePerson(personId: string, changes: Editable, context: CommandContext): Promise<HandleResult<PersonEvent, PersonState>> {
    return this.facts(changes).then((facts) => this.people.handle(personStreamId(personId), { ...metaOf(context), type: 'update-person', changes, facts }, context, 'existing'));
  }

  /** D2: a deactivated person's work becomes reassignable at once in every service that reads the topic. */
  setActive(personId: string, active: boolean, reason: string, context: CommandContext): Promise<HandleResult<PersonEvent, PersonState>> {
    const type = active ? 'reactivate-person' : 'deactivate-person';
    return this.people.handle(personStreamId(personId), { ...metaOf(context), type, reason }, context, 'existing');
  }

  defineTeam(team: TeamDefinition, context: CommandContext): Promise<HandleResult<TeamEvent, TeamState>> {
    return this.teams.handle(teamStreamId(team.teamId), { ...metaOf(context), type: 'define-team', team }, context, 'any');
  }

  async person(personId: string): Promise<PersonState> {
    return fold(personDecider, (await this.host.events.readStream<PersonEvent>(personStreamId(personId))).map(toDomainEvent));
  }

  async team(teamId: string): Promise<TeamState> {
    return fold(teamDecider, (await this.host.events.readStream<TeamEvent>(teamStreamId(teamId))).map(toDomainEvent));
  }

  /** Read-your-writes: resolves once the directory read model reflects the events (bounded wait). */
  async settled(events: readonly RecordedEvent[]): Promise<void> {
    const position = events.at(-1)?.metadata.globalPosition ?? 0;
    if (position > 0) await this.host.runner(DIRECTORY_PROJECTION).waitFor(position);
  }

  private async facts(p: Editable): Promise<PersonFacts> {
    const manager = p.managerId ? await this.person(p.managerId) : undefined;
    const team = p.teamId ? await this.team(p.teamId) : undefined;
    return {
      ...(manager ? { manager: manager.status } : {}),
      ...(team ? { teamDefined: team.status === 'defined' } : {}),
    };
  }
}

type TeamCommandOf = Parameters<typeof teamDecider.decide>[0];
