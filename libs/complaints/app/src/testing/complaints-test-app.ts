import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock, type RecordedEvent } from '@rapport/platform-eventsourcing';
import type { IncomingMessage, InProcessBus, IntegrationEvent, OutgoingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type Role, type ServiceHost, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1, type TeamDefinedV1 } from '@rapport/directory-contracts';
import { COMPLAINTS_HOST, ComplaintsModule, DirectoryCopy } from '../index';

export const START = new Date('2026-03-02T08:00:00.000Z'); // a Monday

export interface ComplaintsTestApp {
  readonly app: INestApplication;
  readonly clock: ManualClock;
  readonly host: ServiceHost;
  readonly bus: InProcessBus;
  readonly as: (id: string, ...roles: Role[]) => string;
  readonly http: () => ReturnType<typeof request>;
  /** D1: the directory publishes people and teams; resolves once the complaints copy knows them. */
  readonly directory: (people: readonly PersonV1[], teams?: readonly TeamDefinedV1[]) => Promise<void>;
  /** Publishes a message as another service or an integrator would. */
  readonly publish: (messages: readonly OutgoingMessage[]) => Promise<void>;
  /** What the complaints relay published on a topic, once it has caught up. */
  readonly published: (topic: string) => Promise<IncomingMessage[]>;
  readonly all: () => Promise<RecordedEvent[]>;
  readonly close: () => Promise<void>;
}

export const personOf = (personId: string, roles: PersonV1['roles'], managerId: string | null, teamId: string | null = 'care'): PersonV1 => ({
  personId,
  displayName: personId,
  roles,
  teamId,
  managerId,
  active: true,
  changedAt: START.toISOString(),
});

/** The people the complaints specs act as: reps of team `care` with manager Max. */
export const TEST_PEOPLE: readonly PersonV1[] = [
  ...['rep-ana', 'rep-ben', 'rep-cy'].map((id) => personOf(id, ['rep'], 'manager-max')),
  personOf('manager-max', ['manager'], null),
];

let sent = 0;
export const messageOf = (topic: string, source: string, type: string, subject: string, data: unknown, at = START): OutgoingMessage => ({
  topic,
  key: subject,
  event: { specversion: '1.0', id: `test-${++sent}-${subject}`, source, type, subject, time: at.toISOString(), datacontenttype: 'application/json', data } satisfies IntegrationEvent,
});

export interface ComplaintsTestOptions {
  readonly clock?: ManualClock;
  /** A data folder on disk (default: in memory). */
  readonly dataDir?: string;
  /** More modules in the same process (the scheduler, for the end-to-end specs). */
  readonly imports?: readonly unknown[];
  readonly people?: readonly PersonV1[];
}

/** The complaints module in a Nest testing app: in-memory storage, a manual clock, the real HTTP pipeline. */
export async function startComplaintsTestApp(options: ComplaintsTestOptions = {}): Promise<ComplaintsTestApp> {
  const clock = options.clock ?? new ManualClock(START);
  const environment = loadEnvironment({ DATA_DIR: options.dataDir ?? ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'complaints-test-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
  const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), ComplaintsModule, ...((options.imports ?? []) as never[])] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'Rapport complaints', description: 'test', version: 'test' });
  await app.init();
  const host = app.get<ServiceHost>(COMPLAINTS_HOST);
  const bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
  const tokens = app.get(TokenService);
  const copy = app.get(DirectoryCopy);
  const directory = async (people: readonly PersonV1[], teams: readonly TeamDefinedV1[] = []): Promise<void> => {
    await bus.publish([
      ...teams.map((t) => messageOf(DIRECTORY_TOPIC, DIRECTORY_SOURCE, DirectoryEventTypes.teamDefined, t.teamId, t)),
      ...people.map((p) => messageOf(DIRECTORY_TOPIC, DIRECTORY_SOURCE, DirectoryEventTypes.personRegistered, p.personId, p)),
    ]);
    const last = people.at(-1);
    const lastTeam = teams.at(-1);
    await until(async () => (!last || (await copy.standing(last.personId)).known) && (!lastTeam || (await copy.calendarOf(lastTeam.teamId)).timeZone === lastTeam.timeZone), 10_000, 'the directory copy');
  };
  await directory(options.people ?? TEST_PEOPLE);
  return {
    app,
    clock,
    host,
    bus,
    as: (id, ...roles) => `Bearer ${tokens.issue({ id, roles })}`,
    http: () => request(app.getHttpServer()),
    directory,
    publish: (messages) => bus.publish(messages),
    published: async (topic) => {
      await until(async () => (await app.get(ReadinessRegistry).report()).checks['complaints/relay'] === true, 30_000, 'the complaints relay to catch up');
      return bus.read(topic, 0, 1_000_000);
    },
    all: () => host.events.readAll({ after: 0, maxCount: 10_000_000 }),
    close: () => app.close(),
  };
}
