import { DAY_MS, localDayBounds, type ReadModelStore } from '@rapport/platform-eventsourcing';
import { FOLLOW_UPS, type FollowUpDoc } from '../read-models/follow-ups.projection';
import { PEOPLE, TEAMS, type PersonDoc, type TeamDoc } from '../read-models/people.projection';

export interface Task {
  readonly customerId: string;
  readonly dueAt: string;
  /** Unanswered since (the follow-up came due and no contact was logged), or null if not yet due. */
  readonly openSince: string | null;
  readonly stage: string | null;
  readonly cadence: string | null;
  readonly lastContactAt: string | null;
}

export interface TaskList {
  readonly ownerId: string;
  readonly asOf: string;
  /** The time zone "today" is counted in: the rep's team's (directory, D1), UTC without one. */
  readonly timeZone: string;
  readonly overdue: readonly Task[];
  readonly dueToday: readonly Task[];
  readonly upcoming: readonly Task[];
}

/** The time zone of a person's days: their team's, from the scheduler's copy of the directory; UTC without one. */
export async function timeZoneOf(store: ReadModelStore, personId: string): Promise<string> {
  const person = await store.get<PersonDoc>(PEOPLE, personId);
  return (person?.teamId && (await store.get<TeamDoc>(TEAMS, person.teamId))?.timeZone) || 'UTC';
}

/** The time zone of a team's days; UTC for no team or one the directory has not defined. */
export async function timeZoneOfTeam(store: ReadModelStore, teamId: string | undefined): Promise<string> {
  return (teamId !== undefined && (await store.get<TeamDoc>(TEAMS, teamId))?.timeZone) || 'UTC';
}

const taskOf = (d: FollowUpDoc): Task => ({
  customerId: d.id,
  dueAt: d.dueAt!,
  openSince: d.openSince,
  stage: d.stage,
  cadence: d.cadence,
  lastContactAt: d.lastContactAt,
});

/**
 * S1: a rep's task list from the follow-ups read model (index `ownerId, active, dueAt`): overdue (due before
 * today), due today, and the next `upcomingDays` days — days as the rep lives them, in their team's time zone.
 */
export async function taskListOf(store: ReadModelStore, ownerId: string, now: Date, upcomingDays = 14, limit = 200): Promise<TaskList> {
  const timeZone = await timeZoneOf(store, ownerId);
  const { start, end } = localDayBounds(now, timeZone);
  const horizon = new Date(Date.parse(end) + upcomingDays * DAY_MS).toISOString();
  const find = (dueAt: { gte?: string; lt: string }): Promise<FollowUpDoc[]> =>
    store.find<FollowUpDoc>(FOLLOW_UPS, { where: { ownerId, active: true, dueAt }, orderBy: [{ field: 'dueAt' }, { field: 'id' }], limit });
  const [overdue, dueToday, upcoming] = await Promise.all([find({ gte: '0', lt: start }), find({ gte: start, lt: end }), find({ gte: end, lt: horizon })]);
  return { ownerId, asOf: now.toISOString(), timeZone, overdue: overdue.map(taskOf), dueToday: dueToday.map(taskOf), upcoming: upcoming.map(taskOf) };
}
