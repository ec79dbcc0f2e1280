import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock, type RecordedEvent } from '@rapport/platform-eventsourcing';
import { InProcessBus, type IncomingMessage, type IntegrationEvent } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type Role, type Storage } from '@rapport/platform-nest';
import request from 'supertest';
import { CUSTOMERS_TOPIC } from '@rapport/customers-contracts';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonStatusChangedV1, type PersonV1 } from '@rapport/directory-contracts';
import type { CustomerPolicy } from '@rapport/customers-domain';
import { CUSTOMER_POLICY, CustomerCommands, CustomersModule, DirectoryCopy } from '../src';

export const DAY_MS = 86_400_000;
export const START = new Date('2026-01-05T09:00:00.000Z');

export interface CustomersTestApp {
  readonly app: INestApplication;
  readonly clock: ManualClock;
  /** `Authorization` header value for a person with these roles. */
  readonly as: (id: string, ...roles: Role[]) => string;
  readonly http: () => ReturnType<typeof request>;
  readonly rep: string;
  readonly otherRep: string;
  readonly manager: string;
  readonly auditor: string;
  readonly admin: string;
  /** Every event of the customers store, in order. */
  readonly events: () => Promise<RecordedEvent[]>;
  /** D2: the directory says this person left; resolves once customers' copy knows it. */
  readonly deactivate: (personId: string, reason?: string) => Promise<void>;
  /** D1: the directory registers a person; resolves once customers' copy knows them. */
  readonly hire: (personId: string, roles?: PersonV1['roles']) => Promise<void>;
  /** Integration messages published on the customers topic so far (waits for the relay to catch up). */
  readonly published: () => Promise<IncomingMessage[]>;
  readonly close: () => Promise<void>;
}

/**
 * The customers module in a Nest testing app, exactly as the issue prescribes: in-memory storage,
 * no dev tokens, a manual clock, the real HTTP pipeline (guards, validation, problem+json).
 */
/**
 * The people the customers specs act as, or name as owners, collaborators and assignees (D1: they must be
 * active people of the directory). They arrive the way they do in production: as directory events on the topic.
 */
export const TEST_PEOPLE: readonly PersonV1[] = [
  ...['rep-ana', 'rep-ben', 'rep-cy', 'rep-dee', 'rep-eve', 'rep-fay', 'rep-gus', 'rep-hal'].map((personId) => person(personId, ['rep'], 'manager-max')),
  person('manager-max', ['manager'], null),
  person('admin-root', ['admin', 'manager'], null),
];

function person(personId: string, roles: PersonV1['roles'], managerId: string | null): PersonV1 {
  return { personId, displayName: personId, roles, teamId: 'east', managerId, active: true, changedAt: START.toISOString() };
}

let directoryEvents = 0;
const directoryEvent = <T>(type: string, subject: string, data: T): { topic: string; key: string; event: IntegrationEvent } => ({
  topic: DIRECTORY_TOPIC,
  key: subject,
  event: { specversion: '1.0', id: `test-directory-${++directoryEvents}-${subject}`, source: DIRECTORY_SOURCE, type, subject, time: START.toISOString(), datacontenttype: 'application/json', data },
});

export async function startCustomersTestApp(options: { readonly policy?: CustomerPolicy; readonly people?: readonly PersonV1[] } = {}): Promise<CustomersTestApp> {
  const clock = new ManualClock(START);
  const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv);
  const builder = Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), CustomersModule] });
  if (options.policy) builder.overrideProvider(CUSTOMER_POLICY).useValue(options.policy);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'Rapport customers', description: 'test', version: 'test' });
  await app.init();
  const tokens = app.get(TokenService);
  const as = (id: string, ...roles: Role[]): string => `Bearer ${tokens.issue({ id, roles })}`;
  const commands = app.get(CustomerCommands);
  const storage = app.get<Storage>(STORAGE);
  const bus = (await storage.bus()) as InProcessBus;
  const directory = app.get(DirectoryCopy);
  const publishPeople = async (events: ReturnType<typeof directoryEvent>[], settled: () => Promise<boolean>): Promise<void> => {
    await bus.publish(events);
    await eventually(async () => expect(await settled()).toBe(true), 10_000);
  };
  const people = options.people ?? TEST_PEOPLE;
  await publishPeople(
    people.map((p) => directoryEvent(DirectoryEventTypes.personRegistered, p.personId, p)),
    async () => (await directory.count()) >= people.length,
  );
  return {
    deactivate: (personId, reason = 'left the company') =>
      publishPeople([directoryEvent<PersonStatusChangedV1>(DirectoryEventTypes.personDeactivated, personId, { personId, active: false, reason, changedAt: clock.now().toISOString() })], async () => (await directory.standing(personId)) === 'inactive'),
    hire: (personId, roles = ['rep']) =>
      publishPeople([directoryEvent(DirectoryEventTypes.personRegistered, personId, person(personId, roles, 'manager-max'))], async () => (await directory.standing(personId)) === 'active'),
    app,
    clock,
    as,
    http: () => request(app.getHttpServer()),
    rep: as('rep-ana', 'rep'),
    otherRep: as('rep-ben', 'rep'),
    manager: as('manager-max', 'manager'),
    auditor: as('auditor-ada', 'auditor'),
    admin: as('admin-root', 'admin', 'manager'),
    events: () => commands.host.events.readAll({ after: 0, maxCount: 1_000_000 }),
    published: async () => {
      await eventually(async () => expect((await app.get(ReadinessRegistry).report()).checks['customers/relay']).toBe(true));
      return ((await storage.bus()) as InProcessBus).read(CUSTOMERS_TOPIC, 0, 100_000);
    },
    close: () => app.close(),
  };
}

/** Retries an assertion until it passes or the time is up: for work done by reactors and relays in the background. */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Registers a customer through the API and returns its id. */
export async function registerCustomer(t: CustomersTestApp, body: Record<string, unknown>, auth = t.rep): Promise<string> {
  const response = await t.http().post('/api/v1/customers').set('authorization', auth).send(body);
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.customerId as string;
}

/** The problem type of a refused rule, as the platform filter builds it. */
export const problemType = (rule: string, code: string): string => `https://rapport.dev/problems/${rule}/${code}`;

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
