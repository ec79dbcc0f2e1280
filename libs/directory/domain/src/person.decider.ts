import { DomainError, type Decider } from '@rapport/platform-eventsourcing';
import type { DirectoryMeta, PersonFacts } from './directory.commands';
import type { PersonEvent, PersonProfile } from './person.events';

type Editable = Omit<PersonProfile, 'personId'>;

export type PersonCommand =
  | (DirectoryMeta & { readonly type: 'register-person'; readonly person: PersonProfile; readonly facts: PersonFacts })
  | (DirectoryMeta & { readonly type: 'update-person'; readonly changes: Partial<Editable>; readonly facts: PersonFacts })
  | (DirectoryMeta & { readonly type: 'deactivate-person'; readonly reason: string })
  | (DirectoryMeta & { readonly type: 'reactivate-person'; readonly reason: string });

export type PersonState =
  | { readonly status: 'unknown' }
  | (PersonProfile & { readonly status: 'active' | 'inactive'; readonly since: string });

export const personStreamId = (personId: string): string => `person-${personId}`;
export const initialPersonState = (): PersonState => ({ status: 'unknown' });

const violation = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('rule_violation', code, message, 'D1', details);

/** D1: a manager is an active person of the directory, never the person themself; a team is one that is defined. */
function checkRelations(personId: string, profile: Pick<PersonProfile, 'teamId' | 'managerId'>, facts: PersonFacts): void {
  if (profile.managerId !== null) {
    if (profile.managerId === personId) throw violation('own-manager', `${personId} cannot be their own manager`);
    if (facts.manager !== 'active') {
      throw violation('manager-not-active', `manager ${profile.managerId} is not an active person of the directory`, { managerId: profile.managerId, standing: facts.manager ?? 'unknown' });
    }
  }
  if (profile.teamId !== null && facts.teamDefined !== true) throw violation('unknown-team', `team ${profile.teamId} is not defined`, { teamId: profile.teamId });
}

function requireKnown(state: PersonState): Exclude<PersonState, { status: 'unknown' }> {
  if (state.status === 'unknown') throw new DomainError('not_found', 'not-found', 'no such person');
  return state;
}

const FIELDS: readonly (keyof Editable)[] = ['name', 'email', 'roles', 'teamId', 'managerId', 'externalId'];
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function decidePerson(c: PersonCommand, state: PersonState): PersonEvent[] {
  const change = { by: c.actor.id, at: c.now.toISOString() };
  switch (c.type) {
    case 'register-person': {
      if (state.status !== 'unknown') throw new DomainError('conflict', 'person-exists', `person ${c.person.personId} already exists`, 'D1', { personId: c.person.personId });
      checkRelations(c.person.personId, c.person, c.facts);
      return [{ type: 'directory.person-registered.v1', data: { ...c.person, roles: [...new Set(c.person.roles)], ...change } }];
    }
    case 'update-person': {
      const s = requireKnown(state);
      const changed = FIELDS.filter((f) => c.changes[f] !== undefined && !same(c.changes[f], s[f]));
      if (changed.length === 0) return [];
      const { status: _status, since: _since, ...current } = s;
      const next: PersonProfile = { ...current, ...Object.fromEntries(changed.map((f) => [f, c.changes[f]])) };
      // Only relations that change are re-checked: a manager who left later does not block editing a name.
      checkRelations(s.personId, { managerId: changed.includes('managerId') ? next.managerId : null, teamId: changed.includes('teamId') ? next.teamId : null }, c.facts);
      return [{ type: 'directory.person-updated.v1', data: { ...next, roles: [...new Set(next.roles)], changed, active: s.status === 'active', ...change } }];
    }
    case 'deactivate-person': {
      const s = requireKnown(state);
      // Idempotent: the identity provider repeats `active=false` freely (D3).
      return s.status === 'inactive' ? [] : [{ type: 'directory.person-deactivated.v1', data: { personId: s.personId, reason: c.reason, ...change } }];
    }
    case 'reactivate-person': {
      const s = requireKnown(state);
      return s.status === 'active' ? [] : [{ type: 'directory.person-reactivated.v1', data: { personId: s.personId, reason: c.reason, ...change } }];
    }
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
}

const profileOf = ({ personId, name, email, roles, teamId, managerId, externalId }: PersonProfile): PersonProfile => ({ personId, name, email, roles, teamId, managerId, externalId });

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'directory.person-registered.v1':
      return { ...profileOf(event.data), status: 'active', since: event.data.at };
    case 'directory.person-updated.v1':
      return state.status === 'unknown' ? state : { ...profileOf(event.data), status: state.status, since: state.since };
    case 'directory.person-deactivated.v1':
      return state.status === 'unknown' ? state : { ...state, status: 'inactive', since: event.data.at };
    case 'directory.person-reactivated.v1':
      return state.status === 'unknown' ? state : { ...state, status: 'active', since: event.data.at };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** People (D1, D2): one stream per person, `person-<id>`. */
export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  initialState: initialPersonState,
  decide: decidePerson,
  evolve: evolvePerson,
};
