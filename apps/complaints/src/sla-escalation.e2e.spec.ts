import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { COMPLAINTS_TIMERS_TOPIC, COMPLAINTS_TOPIC, ComplaintEventTypes } from '@rapport/complaints-contracts';
import { COMPLAINTS_HOST, ComplaintsModule, DirectoryCopy } from '@rapport/complaints-app';
import { FIRING_OPTIONS, FiringLoop, SchedulerModule, TIMER_INDEX, SCHEDULER_HOST } from '@rapport/scheduler-app';
import type { ServiceHost } from '@rapport/platform-nest';

const START = new Date('2026-03-02T08:00:00.000Z');
const HOUR = 3_600_000;
const SECRET = 'complaints-e2e-secret-0123456789abcdef';
const person = (personId: string, roles: PersonV1['roles'], managerId: string | null): PersonV1 => ({
  personId,
  displayName: personId,
  roles,
  teamId: null,
  managerId,
  active: true,
  changedAt: START.toISOString(),
});

/**
 * K3 end to end in embedded mode, in simulated time: a complaint is received over HTTP; its SLA timers go to the
 * scheduler on the bus; the manual clock passes the acknowledge deadline; the scheduler fires and delivers
 * `sla-due`; the complaint breaches and escalates to the owner's manager, published on `rapport.complaints.v1`.
 * Then the process restarts on the same data and the same delivery arrives again: nothing more happens.
 */
describe('complaint received → SLA timer → breach → escalation on the topic (K3, S2, S3), embedded', () => {
  let dataDir: string;
  const clock = new ManualClock(START);

  const start = async (): Promise<{ app: INestApplication; bus: InProcessBus; host: ServiceHost }> => {
    const environment = loadEnvironment({ DATA_DIR: dataDir, RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: SECRET } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), ComplaintsModule, SchedulerModule] })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 }) // the test fires by hand, when the clock says
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport complaints e2e', description: 'test', version: 'test' });
    await app.init();
    return { app, bus: (await app.get<Storage>(STORAGE).bus()) as InProcessBus, host: app.get<ServiceHost>(COMPLAINTS_HOST) };
  };
  const caughtUp = async (app: INestApplication): Promise<void> =>
    until(async () => {
      const checks = (await app.get(ReadinessRegistry).report()).checks;
      return checks['complaints/relay'] === true && checks['scheduler/relay'] === true;
    }, 30_000, 'the relays');
  const escalations = (messages: readonly IncomingMessage[], complaintId: string): IncomingMessage[] =>
    messages.filter((m) => m.event.type === ComplaintEventTypes.escalated && m.event.subject === complaintId);

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rapport-complaints-e2e-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('K3: the acknowledge deadline passes unmet; the breach is escalated to the manager once, also after a restart', async () => {
    let { app, bus, host } = await start();
    await bus.publish(
      [person('rep-ana', ['rep'], 'manager-max'), person('manager-max', ['manager'], null)].map((p, i) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: `e2e-directory-${i}`, source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: START.toISOString(), datacontenttype: 'application/json', data: p },
      })),
    );
    await until(async () => (await app.get(DirectoryCopy).standing('rep-ana')).known, 10_000, 'the directory copy');

    const ana = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
    const received = await request(app.getHttpServer())
      .post('/api/v1/complaints')
      .set('authorization', ana)
      .send({ customerId: 'cust-1', channel: 'phone', category: 'service', severity: 'critical', description: 'nobody called back' })
      .expect(201);
    const complaintId: string = received.body.complaintId;
    expect(received.body.acknowledgeBy).toBe(new Date(START.getTime() + HOUR).toISOString());

    // S2: both SLA timers reach the scheduler's index through the bus.
    const scheduler = app.get<ServiceHost>(SCHEDULER_HOST);
    await until(async () => (await scheduler.readModels.count(TIMER_INDEX)) >= 2, 30_000, 'the SLA timers in the scheduler');

    // Nothing is due before the deadline.
    clock.set(new Date(START.getTime() + HOUR - 1));
    expect((await app.get(FiringLoop).fireDue()).fired).toBe(0);

    clock.set(new Date(START.getTime() + HOUR));
    expect((await app.get(FiringLoop).fireDue()).fired).toBe(1);
    await caughtUp(app);
    await until(async () => escalations(await bus.read(COMPLAINTS_TOPIC, 0, 100_000), complaintId).length > 0, 30_000, 'the escalation on the topic');
    const published = await bus.read(COMPLAINTS_TOPIC, 0, 100_000);
    expect(published.filter((m) => m.event.subject === complaintId).map((m) => m.event.type)).toEqual([ComplaintEventTypes.received, ComplaintEventTypes.slaBreached, ComplaintEventTypes.escalated]);
    expect(escalations(published, complaintId)[0]!.event.data).toMatchObject({ complaintId, clock: 'acknowledge', ownerId: 'rep-ana', managerId: 'manager-max' });
    const delivery = (await bus.read(COMPLAINTS_TIMERS_TOPIC, 0, 1_000)).find((m) => m.event.subject === `complaints.sla.${complaintId}.acknowledge`)!;
    expect(delivery).toBeDefined();
    await app.close();

    // A restart on the same data; the delivery arrives again (at least once), and so does a second firing's copy.
    ({ app, bus, host } = await start());
    await bus.publish([
      { topic: COMPLAINTS_TIMERS_TOPIC, key: delivery.key ?? delivery.event.subject!, event: delivery.event },
      { topic: COMPLAINTS_TIMERS_TOPIC, key: delivery.key ?? delivery.event.subject!, event: { ...delivery.event, id: `${delivery.event.id}-again` } },
    ]);
    const end = (await bus.read(COMPLAINTS_TIMERS_TOPIC, 0, 1_000)).length;
    const read = bus.db.prepare("SELECT next_offset FROM bus_offsets WHERE group_id = 'complaints-sla-timers' AND topic = ?");
    await until(() => ((read.get(COMPLAINTS_TIMERS_TOPIC) as { next_offset: number } | undefined)?.next_offset ?? 0) >= end, 30_000, 'the timer inbox read to its end');
    await caughtUp(app);
    const stored = (await host.events.readAll({ after: 0, maxCount: 100_000 })).filter((e) => e.type === 'complaints.complaint-escalated.v1');
    expect(stored).toHaveLength(1);
    expect(escalations(await bus.read(COMPLAINTS_TOPIC, 0, 100_000), complaintId)).toHaveLength(1);
    await app.close();
  });
});
