import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock, nameBasedUuid, type EventStore, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage, OutgoingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type Role, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { SCHEDULER_SOURCE, SCHEDULER_TOPIC, SchedulerEventTypes, type TimerRequestedV1 } from '@rapport/scheduler-contracts';
import { FIRING_OPTIONS, FiringLoop, SCHEDULER_HOST, SchedulerModule, TIMER_INDEX, TimerCommands, type FiringOptions } from '../index';
import type { ServiceHost } from '@rapport/platform-nest';

export const START = new Date('2026-01-05T09:00:00.000Z');

export interface SchedulerTestApp {
  readonly app: INestApplication;
  readonly clock: ManualClock;
  readonly host: ServiceHost;
  readonly events: EventStore;
  readonly bus: InProcessBus;
  readonly timers: TimerCommands;
  readonly firing: FiringLoop;
  readonly as: (id: string, ...roles: Role[]) => string;
  readonly http: () => ReturnType<typeof request>;
  /** Publishes timer requests on the scheduler topic as another service would. */
  readonly request: (requests: readonly TimerRequestedV1[], idOf?: (r: TimerRequestedV1) => string) => Promise<void>;
  /** Resolves once the due-time index lists this many timers. */
  readonly indexed: (count: number) => Promise<void>;
  /** What the relay published on a topic, once it has caught up. */
  readonly published: (topic: string) => Promise<IncomingMessage[]>;
  readonly all: () => Promise<RecordedEvent[]>;
  readonly close: () => Promise<void>;
}

export interface SchedulerTestOptions {
  readonly dataDir?: string;
  readonly clock?: ManualClock;
  readonly firing?: Partial<FiringOptions>;
  /** More modules in the same process (the all-in-one runtime's neighbours). */
  readonly imports?: readonly unknown[];
}

/** The scheduler module in a Nest testing app: in-memory (or the given) storage, a manual clock, the real HTTP pipeline. */
export async function startSchedulerTestApp(options: SchedulerTestOptions = {}): Promise<SchedulerTestApp> {
  const clock = options.clock ?? new ManualClock(START);
  const environment = loadEnvironment({ DATA_DIR: options.dataDir ?? ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'scheduler-test-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
  const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), SchedulerModule, ...((options.imports ?? []) as never[])] })
    // Tests drive the firing by hand (fireDue); the background pass is kept rare so it never races the clock.
    .overrideProvider(FIRING_OPTIONS)
    .useValue({ batchSize: 500, pollMs: 3_600_000, ...options.firing })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'Rapport scheduler', description: 'test', version: 'test' });
  await app.init();
  const host = app.get<ServiceHost>(SCHEDULER_HOST);
  const storage = app.get<Storage>(STORAGE);
  const bus = (await storage.bus()) as InProcessBus;
  const tokens = app.get(TokenService);
  let requests = 0;
  return {
    app,
    clock,
    host,
    events: host.events,
    bus,
    timers: app.get(TimerCommands),
    firing: app.get(FiringLoop),
    as: (id, ...roles) => `Bearer ${tokens.issue({ id, roles })}`,
    http: () => request(app.getHttpServer()),
    request: async (list, idOf = (r) => nameBasedUuid(`request/${r.timerId}/${++requests}`)) => {
      const messages: OutgoingMessage[] = list.map((data) => ({
        topic: SCHEDULER_TOPIC,
        key: data.timerId,
        event: { specversion: '1.0', id: idOf(data), source: '/rapport/tests', type: SchedulerEventTypes.timerRequested, subject: data.timerId, time: clock.now().toISOString(), datacontenttype: 'application/json', data },
      }));
      for (let i = 0; i < messages.length; i += 1_000) await bus.publish(messages.slice(i, i + 1_000));
    },
    indexed: async (count) => {
      await until(async () => (await host.readModels.count(TIMER_INDEX)) >= count, 60_000, `${count} timers in the index`);
    },
    published: async (topic) => {
      await until(async () => (await app.get(ReadinessRegistry).report()).checks['scheduler/relay'] === true, 30_000, 'the scheduler relay to catch up');
      return bus.read(topic, 0, 1_000_000);
    },
    all: () => host.events.readAll({ after: 0, maxCount: 10_000_000 }),
    close: () => app.close(),
  };
}

export { SCHEDULER_SOURCE };
