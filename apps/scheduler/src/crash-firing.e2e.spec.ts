import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { buildWorkspace, freePort, startNode, until, waitForHttp, type RunningProcess } from '@rapport/platform-testing';
import { SCHEDULER_TOPIC, SchedulerEventTypes } from '@rapport/scheduler-contracts';
import { TimerCommands } from '@rapport/scheduler-app';

const ROOT = resolve(__dirname, '../../..');
const SECRET = 'scheduler-crash-secret-with-at-least-32-characters';
const TIMERS = 1_000;
const OWNER_TOPIC = 'rapport.e2e.timers.v1';
const MINUTE = 60_000;

/**
 * S3 "durable and exact", against the real scheduler process: 1,000 timers are due when it starts; it is
 * killed with SIGKILL while firing them, restarted on the same data, and then audited: every timer fired
 * exactly once in effect (one `timer-fired` in the store, one delivery id on the owner's topic), in due order.
 */
describe('SIGKILL while 1,000 timers are due (S3)', () => {
  let dataDir: string;
  let port: number;
  let scheduler: RunningProcess | undefined;
  // Due over the last 1,000 minutes, requested in an order that is not due order.
  const dueOf = (i: number, now: number): string => new Date(now - TIMERS * MINUTE + ((i * 7919) % TIMERS) * MINUTE).toISOString();

  const start = async (): Promise<RunningProcess> => {
    const running = startNode(
      'dist/apps/scheduler/src/main.js',
      // One timer per batch (each its own fsync): slow enough to be killed in the middle of the firing.
      { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: SECRET, RAPPORT_DEV_TOKENS: 'false', SCHEDULER_BATCH_SIZE: '1', SCHEDULER_POLL_MS: '50' },
      ROOT,
    );
    await waitForHttp(`http://127.0.0.1:${port}/health`).catch((error: Error) => {
      throw new Error(`${error.message}\n${running.output()}`);
    });
    return running;
  };
  const firedInStore = (): number => {
    const db = new Database(join(dataDir, 'scheduler.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM es_events WHERE type = 'scheduler.timer-fired.v1'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    buildWorkspace(ROOT);
    dataDir = mkdtempSync(join(tmpdir(), 'rapport-scheduler-crash-'));
    port = await freePort();
    // The timers were requested before the process started (e.g. during a downtime): all are due now.
    const events = SqliteEventStore.open(join(dataDir, 'scheduler.sqlite'));
    const timers = new TimerCommands(events);
    const now = Date.now();
    for (let i = 0; i < TIMERS; i++) {
      const context = { commandId: `e2e-request-${i}`, actor: { id: 'e2e', kind: 'system' as const }, now: new Date(now), correlationId: `e2e-${i}`, causationId: `e2e-${i}`, via: 'topic' as const };
      await timers.execute({ type: 'schedule-timer', timerId: `e2e-${i}`, ownerService: 'e2e', dueAt: dueOf(i, now), deliver: { topic: OWNER_TOPIC, type: 'rapport.e2e.due.v1', data: { n: i } }, now: new Date(now) }, context);
    }
    await events.close();
  }, 300_000);

  afterAll(async () => {
    scheduler?.child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('S3: killed mid-firing and restarted, each timer fires exactly once in effect, in due order', async () => {
    scheduler = await start();
    await until(() => firedInStore() >= 50, 60_000, 'the firing to be under way');
    scheduler.child.kill('SIGKILL');
    expect(await scheduler.exited).toBe('SIGKILL');
    expect(firedInStore()).toBeLessThan(TIMERS);

    scheduler = await start();
    await until(() => firedInStore() === TIMERS, 120_000, 'every timer to fire');
    await waitForHttp(`http://127.0.0.1:${port}/ready`, 60_000);
    scheduler.child.kill('SIGTERM');
    await scheduler.exited;
    scheduler = undefined;

    const events = SqliteEventStore.open(join(dataDir, 'scheduler.sqlite'));
    const bus = new Database(join(dataDir, 'bus.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const fired = (await events.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.type === 'scheduler.timer-fired.v1');
      const firedData = fired.map((e) => e.data as { timerId: string; dueAt: string });
      expect(firedData).toHaveLength(TIMERS);
      expect(new Set(firedData.map((d) => d.timerId)).size).toBe(TIMERS);
      // In due order, across the crash: store order is firing order.
      const dues = firedData.map((d) => d.dueAt);
      expect(dues).toEqual([...dues].sort());

      // The relay publishes at least once; copies carry the same id, so in effect each delivery arrives once.
      const deliveries = (bus.prepare('SELECT event FROM bus_messages WHERE topic = ? ORDER BY offset').all(OWNER_TOPIC) as { event: string }[]).map(
        (row) => JSON.parse(row.event) as { id: string; subject: string },
      );
      const firstCopies = deliveries.filter((d, i) => deliveries.findIndex((x) => x.id === d.id) === i);
      expect(firstCopies.map((d) => d.subject)).toEqual(firedData.map((d) => d.timerId));
      const firings = bus
        .prepare("SELECT COUNT(DISTINCT json_extract(event, '$.id')) AS n FROM bus_messages WHERE topic = ? AND json_extract(event, '$.type') = ?")
        .get(SCHEDULER_TOPIC, SchedulerEventTypes.timerFired) as { n: number };
      expect(firings.n).toBe(TIMERS);
    } finally {
      bus.close();
      await events.close();
    }
  }, 300_000);
});
