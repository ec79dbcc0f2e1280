import type { Projection, RecordedEvent } from '@rapport/platform-eventsourcing';
import type { PersonEvent, PersonProfile, TeamDefinition, TeamEvent } from '@rapport/directory-domain';

export const PEOPLE = 'people';
export const TEAMS = 'teams';
export const DIRECTORY_PROJECTION = 'directory';

export interface PersonRow extends PersonProfile {
  readonly id: string;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Events of the person's stream so far: the SCIM `meta.version` (an ETag). */
  readonly version: number;
}

export interface TeamRow extends TeamDefinition {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The directory's own read model: who is who (admin API, SCIM lists and filters). */
export const directoryProjection: Projection = {
  name: DIRECTORY_PROJECTION,
  version: 1,
  collections: [
    { name: PEOPLE, indexes: [['teamId'], ['managerId'], ['externalId']] },
    { name: TEAMS, indexes: [['name']] },
  ],
  async apply(recorded: RecordedEvent, view) {
    const event = { type: recorded.type, data: recorded.data } as PersonEvent | TeamEvent;
    const at = recorded.metadata.recordedAt;
    const version = recorded.metadata.streamVersion;
    switch (event.type) {
      case 'directory.person-registered.v1': {
        const { by: _by, at: _at, ...profile } = event.data;
        view.put<PersonRow>(PEOPLE, { ...profile, id: profile.personId, active: true, createdAt: at, updatedAt: at, version });
        return;
      }
      case 'directory.person-updated.v1': {
        const { by: _by, at: _at, changed: _changed, active, ...profile } = event.data;
        const row = await view.get<PersonRow>(PEOPLE, profile.personId);
        view.put<PersonRow>(PEOPLE, { ...profile, id: profile.personId, active, createdAt: row?.createdAt ?? at, updatedAt: at, version });
        return;
      }
      case 'directory.person-deactivated.v1':
      case 'directory.person-reactivated.v1': {
        const row = await view.get<PersonRow>(PEOPLE, event.data.personId);
        if (row) view.put<PersonRow>(PEOPLE, { ...row, active: event.type === 'directory.person-reactivated.v1', updatedAt: at, version });
        return;
      }
      case 'directory.team-defined.v1':
      case 'directory.team-changed.v1': {
        const { by: _by, at: _at, ...team } = event.data;
        const row = await view.get<TeamRow>(TEAMS, team.teamId);
        view.put<TeamRow>(TEAMS, { ...team, id: team.teamId, createdAt: row?.createdAt ?? at, updatedAt: at, version });
        return;
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
