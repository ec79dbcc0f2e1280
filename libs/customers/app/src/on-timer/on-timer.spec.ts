import { nameBasedUuid } from '@rapport/platform-eventsourcing';
import type { InProcessBus, OutgoingMessage } from '@rapport/platform-messaging';
import { STORAGE, type Storage } from '@rapport/platform-nest';
import { CUSTOMERS_TIMERS_TOPIC, CustomerReviewDueType, type CustomerReviewDueV1 } from '@rapport/scheduler-contracts';
import { DAY_MS, eventually, registerCustomer, START, startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';

/** A review-due delivery as the scheduler publishes it: the id comes from timer id + due time. */
function reviewDue(customerId: string, dueAt: string): OutgoingMessage {
  const timerId = `customers.review.${customerId}`;
  const data: CustomerReviewDueV1 = { customerId, reasons: ['reclaim-warning'], dueAt };
  return {
    topic: CUSTOMERS_TIMERS_TOPIC,
    key: timerId,
    event: { specversion: '1.0', id: nameBasedUuid(`delivery/${timerId}@${dueAt}`), source: '/rapport/scheduler', type: CustomerReviewDueType, subject: timerId, time: dueAt, datacontenttype: 'application/json', data },
  };
}

describe('customers on timer (S2 for C4, C6)', () => {
  let t: CustomersTestApp;
  let bus: InProcessBus;
  beforeEach(async () => {
    t = await startCustomersTestApp();
    bus = (await t.app.get<Storage>(STORAGE).bus()) as InProcessBus;
  });
  afterEach(async () => t.close());

  const types = async (customerId: string): Promise<string[]> =>
    (await t.events()).filter((e) => e.metadata.streamId === `customer-${customerId}`).map((e) => e.type);

  it('C4: a review delivered when it is due issues the reclaim warning, with nobody calling POST /sweeps', async () => {
    const id = await registerCustomer(t, { name: 'Mia Wong' });
    t.clock.set(new Date(START.getTime() + 76 * DAY_MS));
    await bus.publish([reviewDue(id, t.clock.now().toISOString())]);
    await eventually(async () => expect(await types(id)).toContain('customers.reclaim-warning-issued.v1'), 10_000);
    const warning = (await t.events()).find((e) => e.type === 'customers.reclaim-warning-issued.v1')!;
    expect(warning.metadata).toMatchObject({ via: 'timer', actor: { id: 'scheduler', kind: 'timer' } });
  });

  it('C4: the same delivery again (at-least-once) has no second effect; a review with nothing due changes nothing', async () => {
    const id = await registerCustomer(t, { name: 'Mia Wong' });
    const early = reviewDue(id, new Date(START.getTime() + DAY_MS).toISOString());
    t.clock.set(new Date(START.getTime() + DAY_MS));
    await bus.publish([early]);
    t.clock.set(new Date(START.getTime() + 76 * DAY_MS));
    const due = reviewDue(id, t.clock.now().toISOString());
    await bus.publish([due, due]);
    // Every copy consumed (the group's committed offset is past all three), and one warning only.
    await eventually(() => expect(consumed()).toBe(3), 10_000);
    expect((await types(id)).filter((type) => type === 'customers.reclaim-warning-issued.v1')).toHaveLength(1);
  });

  it('S2: a review of a customer that does not exist is skipped, not retried forever', async () => {
    await bus.publish([reviewDue('00000000-0000-4000-8000-000000000000', START.toISOString())]);
    await eventually(() => expect(consumed()).toBe(1), 10_000);
    expect(await bus.read(`${CUSTOMERS_TIMERS_TOPIC}.dlq`)).toEqual([]);
  });

  const consumed = (): number =>
    (bus.db.prepare("SELECT next_offset FROM bus_offsets WHERE group_id = 'customers-on-timer' AND topic = ?").get(CUSTOMERS_TIMERS_TOPIC) as { next_offset: number } | undefined)
      ?.next_offset ?? 0;
});
