import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { until } from '@rapport/platform-testing';
import { SchedulerEventTypes, type TimerRequestedV1 } from '@rapport/scheduler-contracts';
import { startSchedulerTestApp, START, type SchedulerTestApp } from '../testing/scheduler-test-app';

const OWNER_TOPIC = 'rapport.complaints.timers.v1';
const HOUR = 3_600_000;

/** n timers due over the next day in a shuffled order, so request order is not due order. */
function requests(n: number, from: Date, prefix = 't'): TimerRequestedV1[] {
  const list = Array.from({ length: n }, (_, i) => ({
    timerId: `${prefix}-${i}`,
    ownerService: 'complaints',
    dueAt: new Date(from.getTime() + ((i * 7919) % n) * 60_000 + HOUR).toISOString(),
    deliver: { topic: OWNER_TOPIC, type: 'rapport.complaints.sla-due.v1', data: { complaintId: `k-${i}` } },
  }));
  return list.reverse();
}
const inDueOrder = (list: readonly TimerRequestedV1[]): string[] =>
  [...list].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.timerId.localeCompare(b.timerId)).map((r) => r.timerId);

describe('firing due timers (S3)', () => {
  let t: SchedulerTestApp;
  afterEach(async () => t?.close());

  it('S3: 2,000 timers due at once fire in due order, in batches, each exactly once; firing again has no effect', async () => {
    t = await startSchedulerTestApp();
    const list = requests(2_000, START);
    await t.request(list);
    await t.indexed(2_000);
    t.clock.advance(2 * 24 * HOUR);

    // The loop yields between batches: callbacks queued meanwhile run before it finishes.
    let ticks = 0;
    let ticking = true;
    const tick = (): void => {
      ticks += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const report = await t.firing.fireDue();
    ticking = false;
    expect(report).toMatchObject({ fired: 2_000, refused: 0 });
    expect(report.batches).toBeGreaterThanOrEqual(4);
    expect(ticks).toBeGreaterThanOrEqual(report.batches);

    expect(await t.firing.fireDue()).toMatchObject({ fired: 0 });
    const deliveries = await t.published(OWNER_TOPIC);
    expect(deliveries.map((m) => m.event.subject)).toEqual(inDueOrder(list));
    expect(new Set(deliveries.map((m) => m.event.id)).size).toBe(2_000);
    const fired = (await t.all()).filter((e) => e.type === 'scheduler.timer-fired.v1');
    expect(fired).toHaveLength(2_000);
  });

  it('S3: nothing fires before it is due; what comes due later fires on the next pass', async () => {
    t = await startSchedulerTestApp();
    await t.request(requests(10, START));
    await t.indexed(10);
    expect(await t.firing.fireDue()).toMatchObject({ fired: 0 });
    t.clock.advance(HOUR + 4 * 60_000);
    expect(await t.firing.fireDue()).toMatchObject({ fired: 5 });
    t.clock.advance(HOUR);
    expect(await t.firing.fireDue()).toMatchObject({ fired: 5 });
  });

  it('S2: a repeated request is one timer; a request with another due time moves it; a cancelled one never fires', async () => {
    t = await startSchedulerTestApp();
    const [a, b] = requests(2, START);
    await t.request([a!, a!, b!]);
    await t.indexed(2);
    const moved = { ...a!, dueAt: new Date(START.getTime() + 30 * HOUR).toISOString() };
    await t.request([moved]);
    await t.bus.publish([
      {
        topic: 'rapport.scheduler.v1',
        key: b!.timerId,
        event: { specversion: '1.0', id: 'cancel-1', source: '/rapport/tests', type: SchedulerEventTypes.timerCancelled, time: START.toISOString(), datacontenttype: 'application/json', data: { timerId: b!.timerId, ownerService: 'complaints' } },
      },
    ]);
    await until(async () => (await t.timers.state(b!.timerId)).state.status === 'cancelled' && (await t.timers.state(a!.timerId)).state.dueAt === moved.dueAt);
    t.clock.advance(10 * HOUR);
    expect(await t.firing.fireDue()).toMatchObject({ fired: 0 });
    t.clock.advance(30 * HOUR);
    expect(await t.firing.fireDue()).toMatchObject({ fired: 1 });
    const [delivery] = await t.published(OWNER_TOPIC);
    expect(delivery).toMatchObject({ event: { subject: a!.timerId, type: 'rapport.complaints.sla-due.v1', data: { complaintId: 'k-1' } } });
    const fired = (await t.published('rapport.scheduler.v1')).filter((m) => m.event.type === SchedulerEventTypes.timerFired);
    expect(fired.map((m) => m.event.data)).toEqual([{ timerId: a!.timerId, ownerService: 'complaints', dueAt: moved.dueAt, firedAt: t.clock.now().toISOString(), deliver: a!.deliver }]);
  });

  it('S3: timers survive a restart, and after downtime everything missed fires in due order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduler-restart-'));
    try {
      const clock = new ManualClock(START);
      const list = requests(1_000, START);
      t = await startSchedulerTestApp({ dataDir: dir, clock });
      await t.request(list);
      await t.indexed(1_000);
      await t.close();

      clock.advance(3 * 24 * HOUR); // the service was down for three days
      t = await startSchedulerTestApp({ dataDir: dir, clock });
      expect(await t.firing.fireDue()).toMatchObject({ fired: 1_000 });
      expect((await t.published(OWNER_TOPIC)).map((m) => m.event.subject)).toEqual(inDueOrder(list));
    } finally {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
