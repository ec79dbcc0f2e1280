import { until } from '@rapport/platform-testing';
import type { OutgoingMessage } from '@rapport/platform-messaging';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, CustomerEventTypes, type CustomerPayloadsV1 } from '@rapport/customers-contracts';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { FOLLOW_UPS, type FollowUpDoc } from '../read-models/follow-ups.projection';
import { PEOPLE } from '../read-models/people.projection';
import { startSchedulerTestApp, START, type SchedulerTestApp } from '../testing/scheduler-test-app';

const DAY = 86_400_000;
const iso = (days: number): string => new Date(START.getTime() + days * DAY).toISOString();
let sequence = 0;
const customerEvent = <T extends keyof CustomerPayloadsV1>(type: T, subject: string, data: CustomerPayloadsV1[T]): OutgoingMessage => ({
  topic: CUSTOMERS_TOPIC,
  key: subject,
  event: { specversion: '1.0', id: `customers-${++sequence}`, source: CUSTOMERS_SOURCE, type, subject, time: START.toISOString(), datacontenttype: 'application/json', data },
});
const person = (personId: string, teamId: string): OutgoingMessage => {
  const data: PersonV1 = { personId, displayName: personId, roles: ['rep'], teamId, managerId: 'manager-max', active: true, changedAt: START.toISOString() };
  return { topic: DIRECTORY_TOPIC, key: personId, event: { specversion: '1.0', id: `person-${personId}`, source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: personId, time: START.toISOString(), datacontenttype: 'application/json', data } };
};

describe('task lists, outlooks and overdue follow-ups over HTTP (S1)', () => {
  let t: SchedulerTestApp;
  beforeAll(async () => {
    t = await startSchedulerTestApp();
    await t.bus.publish([person('rep-ana', 'east'), person('rep-ben', 'west')]);
    await t.bus.publish([
      customerEvent(CustomerEventTypes.registered, 'c-1', { customerId: 'c-1', ownerId: 'rep-ana', displayName: 'customer c-1', registeredAt: START.toISOString() }),
      customerEvent(CustomerEventTypes.stageChanged, 'c-1', { customerId: 'c-1', from: null, to: 'prospect-with-intent', changedAt: START.toISOString(), policyVersion: 'p' }),
      customerEvent(CustomerEventTypes.registered, 'c-2', { customerId: 'c-2', ownerId: 'rep-ben', displayName: 'customer c-2', registeredAt: START.toISOString() }),
      customerEvent(CustomerEventTypes.stageChanged, 'c-2', { customerId: 'c-2', from: null, to: 'prospect-without-intent', changedAt: START.toISOString(), policyVersion: 'p' }),
    ]);
    await until(async () => (await t.host.readModels.count(PEOPLE)) === 2 && (await t.host.readModels.find<FollowUpDoc>(FOLLOW_UPS, { where: { active: true } })).filter((d) => d.dueAt).length === 2);
  });
  afterAll(async () => t?.close());

  it("S1: a rep's task list shows the next follow-up as upcoming, then as overdue once it came due unanswered", async () => {
    const upcoming = await t.http().get('/api/v1/scheduler/tasks?upcomingDays=30').set('authorization', t.as('rep-ana', 'rep'));
    expect(upcoming.status).toBe(200);
    expect(upcoming.body).toMatchObject({ ownerId: 'rep-ana', overdue: [], dueToday: [], upcoming: [{ customerId: 'c-1', dueAt: iso(14), openSince: null, stage: 'prospect-with-intent' }] });

    t.clock.advance(16 * DAY);
    await t.firing.fireDue();
    await until(async () => (await t.host.readModels.get<FollowUpDoc>(FOLLOW_UPS, 'c-1'))?.openSince === iso(14));
    const overdue = await t.http().get('/api/v1/scheduler/tasks').set('authorization', t.as('rep-ana', 'rep'));
    expect(overdue.body.overdue).toEqual([expect.objectContaining({ customerId: 'c-1', dueAt: iso(14), openSince: iso(14) })]);
  });

  it("S1: a rep cannot read another rep's task list (problem+json); a manager can", async () => {
    const refused = await t.http().get('/api/v1/scheduler/tasks?ownerId=rep-ben').set('authorization', t.as('rep-ana', 'rep'));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const manager = await t.http().get('/api/v1/scheduler/tasks?ownerId=rep-ben&upcomingDays=90').set('authorization', t.as('manager-max', 'manager'));
    expect(manager.status).toBe(200);
    expect(manager.body.upcoming.map((task: { customerId: string }) => task.customerId)).toEqual(['c-2']);
  });

  it('S1: bad query input is a 400, never a 5xx', async () => {
    const response = await t.http().get('/api/v1/scheduler/tasks?upcomingDays=many').set('authorization', t.as('rep-ana', 'rep'));
    expect(response.status).toBe(400);
  });

  it('S1, C4: what will happen to a customer and when: the next follow-up and the pending review', async () => {
    const response = await t.http().get('/api/v1/scheduler/customers/c-2').set('authorization', t.as('manager-max', 'manager'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      customerId: 'c-2',
      followUp: { ownerId: 'rep-ben', dueAt: new Date(Date.UTC(2026, 2, 5, 9)).toISOString(), openSince: null },
      upcoming: [
        { timerId: 'customers.follow-up.c-2', dueAt: new Date(Date.UTC(2026, 2, 5, 9)).toISOString(), ownerService: 'scheduler', delivers: 'rapport.scheduler.follow-up-due.v1' },
        { timerId: 'customers.review.c-2', dueAt: iso(76), ownerService: 'scheduler', delivers: 'rapport.customers.review-due.v1' },
      ],
    });
  });

  it("C3: a rep sees the outlook of their own customer, not another rep's", async () => {
    expect((await t.http().get('/api/v1/scheduler/customers/c-2').set('authorization', t.as('rep-ben', 'rep'))).status).toBe(200);
    const refused = await t.http().get('/api/v1/scheduler/customers/c-2').set('authorization', t.as('rep-ana', 'rep'));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('S1: overdue follow-ups per team of the directory', async () => {
    const east = await t.http().get('/api/v1/scheduler/overdue?teamId=east').set('authorization', t.as('manager-max', 'manager'));
    expect(east.body).toMatchObject({ teamId: 'east', count: 1, byOwner: [{ ownerId: 'rep-ana', count: 1, oldestDueAt: iso(14) }] });
    const west = await t.http().get('/api/v1/scheduler/overdue?teamId=west').set('authorization', t.as('manager-max', 'manager'));
    expect(west.body).toMatchObject({ teamId: 'west', count: 0, byOwner: [] });
    expect((await t.http().get('/api/v1/scheduler/overdue').set('authorization', t.as('rep-ana', 'rep'))).status).toBe(403);
  });
  it("S1, D1: a rep's days are counted in their team's time zone from the directory; a team without one counts UTC days", async () => {
    const team = { teamId: 'east', name: 'East', timeZone: 'Asia/Shanghai', businessHours: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, holidays: [], changedAt: START.toISOString() };
    await t.bus.publish([
      { topic: DIRECTORY_TOPIC, key: 'east', event: { specversion: '1.0', id: 'team-east', source: DIRECTORY_SOURCE, type: DirectoryEventTypes.teamDefined, subject: 'east', time: START.toISOString(), datacontenttype: 'application/json', data: team } },
    ]);
    await until(async () => (await t.http().get('/api/v1/scheduler/tasks').set('authorization', t.as('rep-ana', 'rep'))).body.timeZone === 'Asia/Shanghai');
    const ben = await t.http().get('/api/v1/scheduler/tasks').set('authorization', t.as('rep-ben', 'rep'));
    expect(ben.body.timeZone).toBe('UTC');
  });
});
