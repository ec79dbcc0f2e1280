import { localDayBounds, type Clock, type ReadModelStore } from '@rapport/platform-eventsourcing';
import { FOLLOW_UPS, type FollowUpDoc } from './read-models/follow-ups.projection';
import { PEOPLE, type PersonDoc } from './read-models/people.projection';
import { TIMER_INDEX, type TimerDoc } from './read-models/timer-index.projection';
import { taskListOf, timeZoneOfTeam, type Task, type TaskList } from './task-list/task-list';

export interface CustomerOutlook {
  readonly customerId: string;
  readonly asOf: string;
  /** The rep's next follow-up (S1), or null when the customer has no cadence. */
  readonly followUp: { readonly ownerId: string | null; readonly dueAt: string; readonly openSince: string | null; readonly cadence: string | null } | null;
  /** Every pending timer about this customer, soonest first: reviews (C4, C6) and other services' timers. */
  readonly upcoming: readonly { readonly timerId: string; readonly dueAt: string; readonly ownerService: string; readonly delivers: string }[];
}

export interface TeamOverdue {
  readonly teamId: string | null;
  readonly asOf: string;
  readonly count: number;
  readonly byOwner: readonly { readonly ownerId: string; readonly count: number; readonly oldestDueAt: string }[];
}

/** The scheduler's queries (S1): task lists, a customer's outlook, overdue follow-ups per team. */
export class SchedulerQueries {
  constructor(
    private readonly store: ReadModelStore,
    private readonly clock: Clock,
  ) {}

  taskList(ownerId: string, upcomingDays?: number): Promise<TaskList> {
    return taskListOf(this.store, ownerId, this.clock.now(), upcomingDays);
  }

  async customerOutlook(customerId: string): Promise<CustomerOutlook> {
    const [doc, timers] = await Promise.all([
      this.store.get<FollowUpDoc>(FOLLOW_UPS, customerId),
      this.store.find<TimerDoc>(TIMER_INDEX, { where: { customerId, status: 'pending' }, orderBy: [{ field: 'dueAt' }] }),
    ]);
    return {
      customerId,
      asOf: this.clock.now().toISOString(),
      followUp: doc?.active && doc.dueAt ? { ownerId: doc.ownerId, dueAt: doc.dueAt, openSince: doc.openSince, cadence: doc.cadence } : null,
      upcoming: timers.map((t) => ({ timerId: t.id, dueAt: t.dueAt, ownerService: t.ownerService, delivers: t.deliverType })),
    };
  }

  /** Follow-ups due before today (in the team's time zone; UTC for all teams), per owner; with a team, only its people. */
  async overdue(teamId?: string): Promise<TeamOverdue> {
    const now = this.clock.now();
    const { start } = localDayBounds(now, await timeZoneOfTeam(this.store, teamId));
    const members = teamId === undefined ? undefined : (await this.store.find<PersonDoc>(PEOPLE, { where: { teamId } })).map((p) => p.id);
    if (members && members.length === 0) return { teamId: teamId ?? null, asOf: now.toISOString(), count: 0, byOwner: [] };
    const docs = await this.store.find<FollowUpDoc>(FOLLOW_UPS, {
      where: { active: true, dueAt: { gte: '0', lt: start }, ...(members ? { ownerId: { in: members } } : {}) },
      orderBy: [{ field: 'dueAt' }],
    });
    const byOwner = new Map<string, { count: number; oldestDueAt: string }>();
    for (const d of docs) {
      const owner = d.ownerId ?? 'unowned';
      const entry = byOwner.get(owner);
      if (entry) entry.count += 1;
      else byOwner.set(owner, { count: 1, oldestDueAt: d.dueAt! });
    }
    return {
      teamId: teamId ?? null,
      asOf: now.toISOString(),
      count: docs.length,
      byOwner: [...byOwner.entries()].map(([ownerId, v]) => ({ ownerId, ...v })).sort((a, b) => b.count - a.count || a.ownerId.localeCompare(b.ownerId)),
    };
  }
}

export type { Task, TaskList };
