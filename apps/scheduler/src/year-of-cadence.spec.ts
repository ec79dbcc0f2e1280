import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock, nameBasedUuid, type CommandContext, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { InProcessBus } from '@rapport/platform-messaging';
import { loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import { CustomerCommands, CustomersModule } from '@rapport/customers-app';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { CUSTOMERS_TIMERS_TOPIC } from '@rapport/scheduler-contracts';
import { addDays, addMonths, cadenceStreamId } from '@rapport/scheduler-domain';
import { FIRING_OPTIONS, FiringLoop, PEOPLE, SCHEDULER_HOST, SchedulerModule, SchedulerQueries } from '@rapport/scheduler-app';
import type { ServiceHost } from '@rapport/platform-nest';

/**
 * S1, S2, S3, C4, C6 together: a year of simulated time over 1,000 customers in the all-in-one runtime with a
 * manual clock — no real waiting, no `POST /sweeps`. Four kinds of customer (1 : 2 : 2 : 5), ten reps in two teams:
 *   A  new buyers (bought on day 0), followed up whenever due        → 12 weekly follow-ups, then monthly;
 *                                                                      new buyer → long-standing at 3 months, lapsed at 12 (C6)
 *   B  prospects with intent, followed up when due, next step in 18 days → every 18 days (the owner's plan, S1)
 *   C  prospects nobody calls                                         → warned at 76 days, reclaimable at 90 (C4), overdue
 *   D  prospects without intent, followed up when due                 → every 2 months
 */
const DAY = 86_400_000;
const START = new Date('2026-01-05T09:00:00.000Z');
const CUSTOMERS = Number(process.env.YEAR_CUSTOMERS ?? 1_000);
const DAYS = 366;
const reps = Array.from({ length: 10 }, (_, i) => `rep-${i}`);
const teamOf = (rep: string): string => (Number(rep.slice(4)) < 5 ? 'east' : 'west');
/** Of every ten customers: one new buyer, two prospects with intent, two neglected, five without intent. */
const groupOf = (i: number): 'A' | 'B' | 'C' | 'D' => (['A', 'B', 'B', 'C', 'C', 'D', 'D', 'D', 'D', 'D'] as const)[i % 10]!;
const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
  id: nameBasedUuid(`year-of-cadence/${i}`),
  owner: reps[Math.floor(i / 10) % reps.length]!,
  group: groupOf(i),
}));
const byId = new Map(customers.map((c) => [c.id, c]));

describe('a year of cadence over 1,000 customers (S1, S2, S3, C4, C6)', () => {
  let app: INestApplication;
  let clock: ManualClock;
  let commands: CustomerCommands;
  let scheduler: ServiceHost;
  let firing: FiringLoop;
  let queries: SchedulerQueries;
  let bus: InProcessBus;
  let readiness: ReadinessRegistry;
  let step = 0;

  const context = (who: string): CommandContext => {
    const commandId = `year/${++step}`;
    return { commandId, actor: { id: who, kind: 'user', roles: ['rep'] }, now: clock.now(), correlationId: commandId, causationId: commandId, via: 'api' };
  };

  /** Every consumer has read its topic to the end and every projection, relay and reactor caught up. */
  const consumers = [
    ['scheduler-customer-cadence', CUSTOMERS_TOPIC],
    ['customers-on-timer', CUSTOMERS_TIMERS_TOPIC],
  ] as const;
  const busDrained = (): boolean => {
    const end = bus.db.prepare('SELECT COALESCE(MAX(offset) + 1, 0) AS next FROM bus_messages WHERE topic = ?');
    const read = bus.db.prepare('SELECT next_offset FROM bus_offsets WHERE group_id = ? AND topic = ?');
    return consumers.every(([group, topic]) => ((read.get(group, topic) as { next_offset: number } | undefined)?.next_offset ?? 0) >= (end.get(topic) as { next: number }).next);
  };
  const settled = async (): Promise<boolean> => busDrained() && (await readiness.report()).ready;
  /** Waits for the background work (no clock involved: the manual clock only moves when the test says). */
  const quiet = async (): Promise<void> => {
    const deadline = Date.now() + 60_000;
    while (!(await settled())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the services to settle');
      // Polling less often leaves the CPU to the work being waited for.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const settle = async (): Promise<void> => {
    for (;;) {
      await quiet();
      const report = await firing.fireDue();
      if (report.fired === 0 && (await settled())) return;
    }
  };

  beforeAll(async () => {
    clock = new ManualClock(START);
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'year-of-cadence-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), CustomersModule, SchedulerModule] })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 })
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    commands = app.get(CustomerCommands);
    scheduler = app.get<ServiceHost>(SCHEDULER_HOST);
    firing = app.get(FiringLoop);
    queries = app.get(SchedulerQueries);
    readiness = app.get(ReadinessRegistry);
    bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;

    // D1: the directory's people, as its topic carries them (the scheduler counts overdue follow-ups per team).
    await bus.publish(
      reps.map((personId) => {
        const data: PersonV1 = { personId, displayName: personId, roles: ['rep'], teamId: teamOf(personId), managerId: 'manager-max', active: true, changedAt: START.toISOString() };
        return {
          topic: DIRECTORY_TOPIC,
          key: personId,
          event: { specversion: '1.0', id: `person-${personId}`, source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: personId, time: START.toISOString(), datacontenttype: 'application/json', data },
        };
      }),
    );
    await until(async () => (await scheduler.readModels.count(PEOPLE)) === reps.length, 30_000, 'the directory copy');

    for (const [i, c] of customers.entries()) {
      await commands.execute(c.id, { type: 'register-customer', customerId: c.id, name: `Customer ${i}`, phone: null, email: null, ownerId: c.owner }, context(c.owner), 'new');
      if (c.group === 'B') await commands.execute(c.id, { type: 'set-grade', grade: 'B', reason: 'budget approved' }, context(c.owner));
      if (c.group === 'A') {
        await commands.execute(c.id, { type: 'record-purchase', purchaseId: `p-${i}`, amount: 1_200, currency: 'USD', category: 'laptops', occurredAt: START }, context(c.owner));
      }
    }
    await settle();

    for (let day = 1; day <= DAYS; day++) {
      clock.advance(DAY);
      await settle();
      // Diligent reps call everyone due today (or overdue) from their task list; nobody calls group C.
      for (const rep of reps) {
        const tasks = await queries.taskList(rep, 0);
        for (const task of [...tasks.overdue, ...tasks.dueToday]) {
          const customer = byId.get(task.customerId)!;
          if (customer.group === 'C') continue;
          const nextStepAt = customer.group === 'B' ? new Date(clock.now().getTime() + 18 * DAY) : null;
          await commands.execute(
            customer.id,
            { type: 'log-contact', contactId: `k-${step}`, channel: 'call', direction: 'outbound', outcome: 'reached', notes: null, nextStep: nextStepAt && 'call again', nextStepAt, occurredAt: clock.now() },
            context(rep),
          );
        }
      }
    }
    await settle();
  }, 600_000);

  afterAll(async () => app?.close());

  const customerEvents = async (): Promise<RecordedEvent[]> => commands.host.events.readAll({ after: 0, maxCount: 10_000_000 });
  const cameDue = async (customerId: string): Promise<string[]> =>
    (await scheduler.events.readStream(cadenceStreamId(customerId))).filter((e) => e.type === 'scheduler.follow-up-came-due.v1').map((e) => (e.data as { dueAt: string }).dueAt);

  it('S1: each new buyer had 12 weekly follow-ups after the purchase, then monthly ones', async () => {
    const weekly = Array.from({ length: 12 }, (_, i) => addDays(START.toISOString(), 7 * (i + 1)));
    const monthly: string[] = [];
    for (let at = addMonths(weekly[11]!, 1); Date.parse(at) <= START.getTime() + DAYS * DAY; at = addMonths(at, 1)) monthly.push(at);
    for (const c of customers.filter((x) => x.group === 'A')) expect(await cameDue(c.id)).toEqual([...weekly, ...monthly]);
  });

  it("S1: a prospect with intent is followed up on the owner's plan (18 days), one without intent every 2 months", async () => {
    const every = (n: number, next: (at: string) => string): string[] => {
      const out: string[] = [];
      for (let at = next(START.toISOString()); Date.parse(at) <= START.getTime() + DAYS * DAY && out.length < n; at = next(at)) out.push(at);
      return out;
    };
    const [b] = customers.filter((x) => x.group === 'B');
    const [d] = customers.filter((x) => x.group === 'D');
    // The first one comes 14 days after registration (no plan yet); each contact then plans the next in 18.
    expect(await cameDue(b!.id)).toEqual([addDays(START.toISOString(), 14), ...every(100, (at) => addDays(at, 18)).map((at) => addDays(at, 14))].filter((at) => Date.parse(at) <= START.getTime() + DAYS * DAY));
    expect(await cameDue(d!.id)).toEqual(every(100, (at) => addMonths(at, 2)));
  });

  it('C4: every customer nobody called was warned at 76 days and became reclaimable at 90, on its own, once', async () => {
    const events = await customerEvents();
    const neglected = new Set(customers.filter((c) => c.group === 'C').map((c) => c.id));
    const at = (type: string): Map<string, string[]> => {
      const out = new Map<string, string[]>();
      for (const e of events.filter((x) => x.type === type)) out.set((e.data as { customerId: string }).customerId, [...(out.get((e.data as { customerId: string }).customerId) ?? []), e.metadata.recordedAt]);
      return out;
    };
    const warned = at('customers.reclaim-warning-issued.v1');
    const reclaimable = at('customers.customer-became-reclaimable.v1');
    expect([...warned.keys()].sort()).toEqual([...neglected].sort());
    expect([...reclaimable.keys()].sort()).toEqual([...neglected].sort());
    for (const id of neglected) {
      expect(warned.get(id)).toEqual([addDays(START.toISOString(), 76)]);
      expect(reclaimable.get(id)).toEqual([addDays(START.toISOString(), 90)]);
    }
  });

  it('C6: new buyers became long-standing at 3 months and lapsed at 12, with nobody sweeping', async () => {
    const stages = (await customerEvents()).filter((e) => e.type === 'customers.stage-changed.v1');
    for (const c of customers.filter((x) => x.group === 'A')) {
      const mine = stages.filter((e) => (e.data as { customerId: string }).customerId === c.id).map((e) => [(e.data as { to: string }).to, e.metadata.recordedAt]);
      expect(mine).toEqual([
        ['prospect-without-intent', START.toISOString()],
        ['new-buyer', START.toISOString()],
        ['long-standing', addMonths(START.toISOString(), 3)],
        ['lapsed', addMonths(START.toISOString(), 12)],
      ]);
    }
  });

  it("S1: the manager's view after a year: only the neglected customers are overdue, per rep and per team", async () => {
    for (const rep of reps) {
      const tasks = await queries.taskList(rep, 60);
      const neglected = customers.filter((c) => c.owner === rep && c.group === 'C').map((c) => c.id).sort();
      expect(tasks.overdue.map((t) => t.customerId).sort()).toEqual(neglected);
      expect(tasks.dueToday).toEqual([]);
      // Every customer the rep keeps up with has its next follow-up ahead (within 2 months).
      expect(tasks.upcoming.length).toBe(customers.filter((c) => c.owner === rep && c.group !== 'C').length);
    }
    const east = await queries.overdue('east');
    expect(east.count).toBe(customers.filter((c) => c.group === 'C' && teamOf(c.owner) === 'east').length);
    expect((await queries.overdue('west')).count).toBe(customers.filter((c) => c.group === 'C' && teamOf(c.owner) === 'west').length);
  });
});
