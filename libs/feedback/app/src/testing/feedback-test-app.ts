import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage, OutgoingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type Role, type ServiceHost, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, type CustomerPayloadsV1 } from '@rapport/customers-contracts';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { FEEDBACK_TOPIC, FeedbackEventTypes, type SurveySentV1 } from '@rapport/feedback-contracts';
import { SCHEDULER_TOPIC, SchedulerEventTypes, type TimerCancelledV1, type TimerRequestedV1 } from '@rapport/scheduler-contracts';
import { ANSWER_TOKEN_SECRET, FEEDBACK_CUSTOMERS, FEEDBACK_HOST, FEEDBACK_PEOPLE, FeedbackModule, type CustomerFactsDoc } from '../index';

export const START = new Date('2026-03-02T09:00:00.000Z');
export const DAY_MS = 86_400_000;

export interface FeedbackTestApp {
  readonly app: INestApplication;
  readonly clock: ManualClock;
  readonly host: ServiceHost;
  readonly bus: InProcessBus;
  readonly secret: string;
  readonly as: (id: string, ...roles: Role[]) => string;
  readonly http: () => ReturnType<typeof request>;
  /** Publishes a customers integration event as the customers service would. */
  readonly customerEvent: <T extends keyof CustomerPayloadsV1 & string>(type: T, customerId: string, data: CustomerPayloadsV1[T]) => Promise<void>;
  /** Publishes a person as the directory would. */
  readonly person: (personId: string, managerId: string | null, teamId?: string) => Promise<void>;
  /** Resolves once feedback's copy knows the customer's owner. */
  readonly knows: (customerId: string, ownerId: string) => Promise<void>;
  /** What the relay published on a topic, once it has caught up. */
  readonly published: (topic: string) => Promise<IncomingMessage[]>;
  /** The survey-sent message of a survey (with its answer token), once published. */
  readonly sent: (surveyId: string) => Promise<SurveySentV1>;
  /**
   * Stands in for the scheduler (through its published contract only): delivers every timer feedback asked for
   * whose due time has come on the injected clock, once per timer and due time, unless it was cancelled.
   */
  readonly fireDueTimers: () => Promise<number>;
  readonly all: () => Promise<RecordedEvent[]>;
  readonly close: () => Promise<void>;
}

export interface FeedbackTestOptions {
  readonly clock?: ManualClock;
  /** More modules in the same process (the all-in-one runtime's neighbours). */
  readonly imports?: readonly unknown[];
}

/** The feedback module in a Nest testing app: in-memory storage, a manual clock, the real HTTP pipeline. */
export async function startFeedbackTestApp(options: FeedbackTestOptions = {}): Promise<FeedbackTestApp> {
  const clock = options.clock ?? new ManualClock(START);
  const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'feedback-test-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
  const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), FeedbackModule, ...((options.imports ?? []) as never[])] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'Rapport feedback', description: 'test', version: 'test' });
  await app.init();
  const host = app.get<ServiceHost>(FEEDBACK_HOST);
  const bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
  const tokens = app.get(TokenService);
  let sequence = 0;
  const fired = new Set<string>();
  const publish = (message: OutgoingMessage): Promise<void> => bus.publish([message]);
  const published = async (topic: string): Promise<IncomingMessage[]> => {
    await until(async () => (await app.get(ReadinessRegistry).report()).checks['feedback/relay'] === true, 30_000, 'the feedback relay to catch up');
    return bus.read(topic, 0, 1_000_000);
  };
  return {
    app,
    clock,
    host,
    bus,
    secret: app.get<string>(ANSWER_TOKEN_SECRET),
    as: (id, ...roles) => `Bearer ${tokens.issue({ id, roles })}`,
    http: () => request(app.getHttpServer()),
    customerEvent: (type, customerId, data) =>
      publish({
        topic: CUSTOMERS_TOPIC,
        key: customerId,
        event: { specversion: '1.0', id: `customers-${++sequence}`, source: CUSTOMERS_SOURCE, type, subject: customerId, time: clock.now().toISOString(), datacontenttype: 'application/json', data },
      }),
    person: async (personId, managerId, teamId = 'east') => {
      const data: PersonV1 = { personId, displayName: personId, roles: ['rep'], teamId, managerId, active: true, changedAt: clock.now().toISOString() };
      await publish({
        topic: DIRECTORY_TOPIC,
        key: personId,
        event: { specversion: '1.0', id: `person-${personId}-${++sequence}`, source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: personId, time: data.changedAt, datacontenttype: 'application/json', data },
      });
      await until(async () => (await host.readModels.get(FEEDBACK_PEOPLE, personId)) !== undefined, 10_000, `person ${personId} copied`);
    },
    knows: async (customerId, ownerId) => {
      await until(async () => (await host.readModels.get<CustomerFactsDoc>(FEEDBACK_CUSTOMERS, customerId))?.ownerId === ownerId, 10_000, `customer ${customerId} copied`);
    },
    published,
    sent: async (surveyId) => {
      let found: SurveySentV1 | undefined;
      await until(
        async () => {
          found = (await published(FEEDBACK_TOPIC)).map((m) => m.event).find((e) => e.type === FeedbackEventTypes.surveySent && (e.data as SurveySentV1).surveyId === surveyId)?.data as SurveySentV1 | undefined;
          return found !== undefined;
        },
        10_000,
        `survey ${surveyId} sent`,
      );
      return found!;
    },
    fireDueTimers: async () => {
      const pending = new Map<string, TimerRequestedV1>();
      for (const m of await published(SCHEDULER_TOPIC)) {
        if (m.event.type === SchedulerEventTypes.timerRequested) pending.set((m.event.data as TimerRequestedV1).timerId, m.event.data as TimerRequestedV1);
        if (m.event.type === SchedulerEventTypes.timerCancelled) pending.delete((m.event.data as TimerCancelledV1).timerId);
      }
      const due = [...pending.values()].filter((r) => Date.parse(r.dueAt) <= clock.now().getTime() && !fired.has(`${r.timerId}@${r.dueAt}`));
      for (const r of due) {
        fired.add(`${r.timerId}@${r.dueAt}`);
        await publish({
          topic: r.deliver.topic,
          key: r.timerId,
          event: { specversion: '1.0', id: `delivery/${r.timerId}@${r.dueAt}`, source: '/rapport/scheduler', type: r.deliver.type, subject: r.timerId, time: clock.now().toISOString(), datacontenttype: 'application/json', data: r.deliver.data },
        });
      }
      return due.length;
    },
    all: () => host.events.readAll({ after: 0, maxCount: 10_000_000 }),
    close: () => app.close(),
  };
}
