import { type ReadModelStore, ALWAYS_OPEN, type BusinessCalendar } from '@rapport/platform-eventsourcing';
import { type Standing } from '@rapport/complaints-domain';
import { COMPLAINTS_PEOPLE, COMPLAINTS_TEAMS, type PersonDoc, type TeamDoc } from './directory-copy.projection';

/**
 * D1 as complaints sees it, from its own copy of the directory topic. Use cases ask it before a command
 * (is the receiver active? whose calendar? who is the owner's manager now?) and pass the answers in the
 * command, where the decider enforces them; deciders stay pure.
 */
export class DirectoryCopy {
  constructor(private readonly readModels: ReadModelStore) {}

  async standing(personId: string): Promise<Standing> {
    const person = await this.readModels.get<PersonDoc>(COMPLAINTS_PEOPLE, personId);
    return person ? { known: true, active: person.active, teamId: person.teamId, managerId: person.managerId } : { known: false, active: false, teamId: null, managerId: null };
  }

  /** D1: the person's manager as the directory says at this moment (K3 escalations go there). */
  async managerOf(personId: string | null): Promise<string | null> {
    if (personId === null) return null;
    return (await this.readModels.get<PersonDoc>(COMPLAINTS_PEOPLE, personId))?.managerId ?? null;
  }

  /** D1: the team's business calendar; a team without one (or no team) is open around the clock. */
  async calendarOf(teamId: string | null): Promise<BusinessCalendar> {
    if (teamId === null) return ALWAYS_OPEN;
    const team = await this.readModels.get<TeamDoc>(COMPLAINTS_TEAMS, teamId);
    return team ? { timeZone: team.timeZone, hours: team.hours, holidays: team.holidays } : ALWAYS_OPEN;
  }
}
