import { DAY_MS, type ReadModelStore } from '@rapport/platform-eventsourcing';
import { FOLLOW_UPS, type FollowUpDoc } from '../read-models/follow-ups.projection';

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
  readonly overdue: readonly Task[];
  readonly dueToday: readonly Task[];
  readonly upcoming: readonly Task[];
}

/** Days are UTC days (the directory's team time zones are not applied yet: a known limit). */
export const dayBounds = (now: Date): { start: string; end: string } => {
  const start = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
};

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
 * today), due today, and the next `upcomingDays` days.
 */
export async function taskListOf(store: ReadModelStore, ownerId: string, now: Date, upcomingDays = 14, limit = 200): Promise<TaskList> {
  const { start, end } = dayBounds(now);
  const horizon = new Date(Date.parse(end) + upcomingDays * DAY_MS).toISOString();
  const find = (dueAt: { gte?: string; lt: string }): Promise<FollowUpDoc[]> =>
    store.find<FollowUpDoc>(FOLLOW_UPS, { where: { ownerId, active: true, dueAt }, orderBy: [{ field: 'dueAt' }, { field: 'id' }], limit });
  const [overdue, dueToday, upcoming] = await Promise.all([find({ gte: '0', lt: start }), find({ gte: start, lt: end }), find({ gte: end, lt: horizon })]);
  return { ownerId, asOf: now.toISOString(), overdue: overdue.map(taskOf), dueToday: dueToday.map(taskOf), upcoming: upcoming.map(taskOf) };
}
