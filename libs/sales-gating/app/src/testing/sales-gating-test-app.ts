import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { COMPLAINTS_SOURCE, COMPLAINTS_TOPIC, type ComplaintPayloadsV1 } from '@rapport/complaints-contracts';
import { CUSTOMERS_SOURCE, CUSTOMERS_TOPIC, type CustomerPayloadsV1 } from '@rapport/customers-contracts';
import { FEEDBACK_SOURCE, FEEDBACK_TOPIC, type FeedbackPayloadsV1 } from '@rapport/feedback-contracts';
import { ManualClock, type EventStore, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage, OutgoingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type Role, type ServiceHost, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { GATES, type GateDoc } from '../read-models/gates.projection';
import { SalesGatingModule } from '../sales-gating.module';
import { SALES_GATING_HOST } from '../sales-gating.tokens';

export const START = new Date('2026-03-02T09:00:00.000Z');

export interface SalesGatingTestApp {
  readonly app: INestApplication;
  readonly clock: ManualClock;
  readonly host: ServiceHost;
  readonly events: EventStore;
  readonly bus: InProcessBus;
  readonly as: (id: string, ...roles: Role[]) => string;
  readonly http: () => ReturnType<typeof request>;
  /** Publishes events as the customers, feedback and complaints services would; returns their CloudEvent ids. */
  readonly customers: <T extends keyof CustomerPayloadsV1>(type: T, subject: string, data: CustomerPayloadsV1[T]) => Promise<string>;
  readonly feedback: <T extends keyof FeedbackPayloadsV1>(type: T, subject: string, data: FeedbackPayloadsV1[T]) => Promise<string>;
  readonly complaints: <T extends keyof ComplaintPayloadsV1>(type: T, subject: string, data: ComplaintPayloadsV1[T]) => Promise<string>;
  /** Resolves once the gates read model shows the customer's state satisfying `ready`. */
  readonly gateOf: (customerId: string, ready?: (doc: GateDoc) => boolean) => Promise<GateDoc>;
  /** What the relay published on a topic, once it has caught up. */
  readonly published: (topic: string) => Promise<IncomingMessage[]>;
  readonly all: () => Promise<RecordedEvent[]>;
  readonly close: () => Promise<void>;
}

/** The sales-gating module in a Nest testing app: in-memory storage, a manual clock, the real HTTP pipeline. */
export async function startSalesGatingTestApp(options: { readonly clock?: ManualClock } = {}): Promise<SalesGatingTestApp> {
  const clock = options.clock ?? new ManualClock(START);
  const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'sales-gating-test-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
  const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), SalesGatingModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'Rapport sales gating', description: 'test', version: 'test' });
  await app.init();
  const host = app.get<ServiceHost>(SALES_GATING_HOST);
  const bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
  const tokens = app.get(TokenService);
  let sequence = 0;
  const send = async (topic: string, source: string, type: string, subject: string, data: unknown): Promise<string> => {
    const id = `${source.split('/').pop()}-${++sequence}`;
    const message: OutgoingMessage = { topic, key: subject, event: { specversion: '1.0', id, source, type, subject, time: clock.now().toISOString(), datacontenttype: 'application/json', data } };
    await bus.publish([message]);
    return id;
  };
  return {
    app,
    clock,
    host,
    events: host.events,
    bus,
    as: (id, ...roles) => `Bearer ${tokens.issue({ id, roles })}`,
    http: () => request(app.getHttpServer()),
    customers: (type, subject, data) => send(CUSTOMERS_TOPIC, CUSTOMERS_SOURCE, type, subject, data),
    feedback: (type, subject, data) => send(FEEDBACK_TOPIC, FEEDBACK_SOURCE, type, subject, data),
    complaints: (type, subject, data) => send(COMPLAINTS_TOPIC, COMPLAINTS_SOURCE, type, subject, data),
    gateOf: async (customerId, ready = () => true) => {
      let found: GateDoc | undefined;
      await until(async () => {
        found = await host.readModels.get<GateDoc>(GATES, customerId);
        return found !== undefined && ready(found);
      }, 30_000, `the gate of ${customerId}`);
      return found!;
    },
    published: async (topic) => {
      await until(async () => (await app.get(ReadinessRegistry).report()).checks['sales-gating/relay'] === true, 30_000, 'the sales-gating relay to catch up');
      return bus.read(topic, 0, 1_000_000);
    },
    all: () => host.events.readAll({ after: 0, maxCount: 10_000_000 }),
    close: () => app.close(),
  };
}
