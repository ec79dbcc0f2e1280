import { DomainError, type Decider } from '@rapport/platform-eventsourcing';
import { ALWAYS_OPEN, calendarProblems, type BusinessCalendar } from '@rapport/platform-eventsourcing';
import type { DirectoryMeta } from './directory.commands';

export interface TeamDefinition extends BusinessCalendar {
  readonly teamId: string;
  readonly name: string;
}

export type TeamEvent =
  | { readonly type: 'directory.team-defined.v1'; readonly data: TeamDefinition & { readonly by: string; readonly at: string } }
  | { readonly type: 'directory.team-changed.v1'; readonly data: TeamDefinition & { readonly by: string; readonly at: string } };

/** Define a team, or replace its definition: name, business hours, time zone, holidays (D1). */
export type TeamCommand = DirectoryMeta & { readonly type: 'define-team'; readonly team: TeamDefinition };

export type TeamState = { readonly status: 'undefined' } | (TeamDefinition & { readonly status: 'defined' });

export const teamStreamId = (teamId: string): string => `team-${teamId}`;

/** The calendar SLA clocks (K3) run on: the team's, or around the clock when there is no team (D1). */
export const calendarOf = (team: TeamState | undefined): BusinessCalendar =>
  team?.status === 'defined' ? { timeZone: team.timeZone, hours: team.hours, holidays: team.holidays } : ALWAYS_OPEN;

const normalized = (t: TeamDefinition): TeamDefinition => ({
  teamId: t.teamId,
  name: t.name,
  timeZone: t.timeZone,
  hours: t.hours,
  holidays: [...new Set(t.holidays)].sort(),
});

export function decideTeam(c: TeamCommand, state: TeamState): TeamEvent[] {
  switch (c.type) {
    case 'define-team': {
      const problems = calendarProblems(c.team);
      if (problems.length > 0) throw new DomainError('rule_violation', 'invalid-calendar', `team ${c.team.teamId}: ${problems.join('; ')}`, 'D1', { problems });
      const team = normalized(c.team);
      const data = { ...team, by: c.actor.id, at: c.now.toISOString() };
      if (state.status === 'undefined') return [{ type: 'directory.team-defined.v1', data }];
      const { status: _status, ...current } = state;
      return JSON.stringify(normalized(current)) === JSON.stringify(team) ? [] : [{ type: 'directory.team-changed.v1', data }];
    }
    default: {
      const _exhaustive: never = c.type;
      return _exhaustive;
    }
  }
}

export function evolveTeam(_state: TeamState, event: TeamEvent): TeamState {
  switch (event.type) {
    case 'directory.team-defined.v1':
    case 'directory.team-changed.v1': {
      const { by: _by, at: _at, ...team } = event.data;
      return { ...normalized(team), status: 'defined' };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** Teams (D1): one stream per team, `team-<id>`. */
export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = {
  initialState: () => ({ status: 'undefined' }),
  decide: decideTeam,
  evolve: evolveTeam,
};
