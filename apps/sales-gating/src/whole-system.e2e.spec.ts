import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ComplaintsModule, DirectoryCopy as ComplaintsDirectoryCopy } from '@rapport/complaints-app';
import { CustomersModule, DirectoryCopy as CustomersDirectoryCopy } from '@rapport/customers-app';
import { DIRECTORY_SOURCE, DIRECTORY_TOPIC, DirectoryEventTypes, type PersonV1 } from '@rapport/directory-contracts';
import { FeedbackModule } from '@rapport/feedback-app';
import { ManualClock } from '@rapport/platform-eventsourcing';
import type { InProcessBus } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import { SalesGatingModule } from '@rapport/sales-gating-app';
import { FIRING_OPTIONS, SchedulerModule } from '@rapport/scheduler-app';
import { wholeSystemJourney } from './testing/whole-system-journey';

const START = new Date('2026-03-02T09:00:00.000Z');
const person = (personId: string, roles: PersonV1['roles'], managerId: string | null): PersonV1 => ({
  personId, displayName: personId, roles, teamId: 'east', managerId, active: true, changedAt: START.toISOString(),
});

/**
 * The whole system in one process (embedded), in simulated time, the services meeting only on the bus: a customer
 * registered and buying on customers, complaining on complaints, surveyed by feedback through the scheduler's
 * timers, answering 3 → the gate HOLDs naming the complaint and the answer; the complaint confirmed resolved, the
 * next survey (after F4's 90 days) answered 9 → TARGET naming both; a dialer reading the gate topic sees each change.
 */
describe('register → purchase → complaint → detractor → HOLD → confirmed + NPS 9 → TARGET, the whole system embedded', () => {
  const clock = new ManualClock(START);
  let app: INestApplication;
  let bus: InProcessBus;
  let ana: string;

  beforeAll(async () => {
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'sales-gating-e2e-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ environment, clock }), CustomersModule, SchedulerModule, FeedbackModule, ComplaintsModule, SalesGatingModule],
    })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 }) // the test fires by hand, when the clock says
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport whole-system e2e', description: 'test', version: 'test' });
    await app.init();
    bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
    await bus.publish(
      [person('rep-ana', ['rep'], 'manager-max'), person('manager-max', ['manager'], null)].map((p, i) => ({
        topic: DIRECTORY_TOPIC,
        key: p.personId,
        event: { specversion: '1.0' as const, id: `e2e-directory-${i}`, source: DIRECTORY_SOURCE, type: DirectoryEventTypes.personRegistered, subject: p.personId, time: START.toISOString(), datacontenttype: 'application/json', data: p },
      })),
    );
    await until(async () => (await app.get(CustomersDirectoryCopy).standing('rep-ana')) === 'active', 10_000, "customers' directory copy");
    await until(async () => (await app.get(ComplaintsDirectoryCopy).standing('rep-ana')).known, 10_000, "complaints' directory copy");
    ana = `Bearer ${app.get(TokenService).issue({ id: 'rep-ana', roles: ['rep'] })}`;
  }, 60_000);
  afterAll(async () => app?.close());

  it('G2, G1, G4, G7: HOLD with both reasons, TARGET only after the confirmation and a later NPS 9, each change on the topic', async () => {
    await wholeSystemJourney(app, clock, async (topic) => bus.read(topic, 0, 1_000_000), ana);
  }, 180_000);
});
