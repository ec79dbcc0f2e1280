import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import type { InProcessBus, IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { FIRING_OPTIONS, FiringLoop } from '@rapport/scheduler-app';
import { RapportModule } from '../rapport.module';
import { DEV_PRINCIPALS } from '../dev-tokens';
import { settleEmbedded } from '../settle';

export const DAY = 86_400_000;

/**
 * The all-in-one runtime of `main.ts` (every service module, SQLite in memory, the in-process bus, the development
 * people in the directory) in a Nest testing module, on a manual clock: the scheduler fires only when the test moves
 * the clock and calls {@link EmbeddedWorld.advanceTo}, so 114 simulated days pass without real waiting.
 */
export class EmbeddedWorld {
  private constructor(
    readonly app: INestApplication,
    readonly clock: ManualClock,
    readonly bus: InProcessBus,
    private readonly start: Date,
  ) {}

  static async start(start: Date): Promise<EmbeddedWorld> {
    const clock = new ManualClock(start);
    const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false', JWT_SECRET: 'whole-system-e2e-secret-0123456789abcdef' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [RapportModule.forRoot({ environment, clock })] })
      .overrideProvider(FIRING_OPTIONS)
      .useValue({ batchSize: 500, pollMs: 3_600_000 }) // timers fire when the test says the clock has passed them
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'Rapport whole-system e2e', description: 'test', version: 'test' });
    await app.init();
    const bus = (await app.get<Storage>(STORAGE).bus()) as InProcessBus;
    const world = new EmbeddedWorld(app, clock, bus, start);
    await world.settle();
    return world;
  }

  /** A bearer token of one of the development people (the seed put them in the directory). */
  bearer(personId: string): string {
    const principal = DEV_PRINCIPALS.find((p) => p.id === personId);
    if (!principal) throw new Error(`no development person ${personId}`);
    return `Bearer ${this.app.get(TokenService).issue(principal)}`;
  }

  server(): ReturnType<INestApplication['getHttpServer']> {
    return this.app.getHttpServer();
  }

  iso(day: number): string {
    return new Date(this.start.getTime() + day * DAY).toISOString();
  }

  /** Every topic read to its end by every consumer group, and every projection, relay and reactor caught up. */
  settle(timeoutMs = 60_000): Promise<void> {
    return settleEmbedded(this.app, this.bus, timeoutMs);
  }

  /** Moves the clock a day at a time up to `day`, firing every timer as the clock passes it, as the scheduler would. */
  async advanceTo(day: number): Promise<void> {
    const target = this.start.getTime() + day * DAY;
    while (this.clock.now().getTime() < target) {
      this.clock.set(new Date(Math.min(target, this.clock.now().getTime() + DAY)));
      await this.fireAndSettle();
    }
  }

  async fireAndSettle(): Promise<void> {
    const firing = this.app.get(FiringLoop);
    for (;;) {
      await this.settle();
      const report = await firing.fireDue();
      if (report.fired === 0) return this.settle();
    }
  }

  /** The published events of a topic, in order (the bus keeps every message). */
  async published(topic: string): Promise<IncomingMessage[]> {
    return this.bus.read(topic, 0, 1_000_000);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
