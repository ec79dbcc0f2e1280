import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { InProcessBus, type IncomingMessage } from '@rapport/platform-messaging';
import { configureHttpApp, loadEnvironment, PlatformModule, ReadinessRegistry, STORAGE, TokenService, type Role, type Storage } from '@rapport/platform-nest';
import { until } from '@rapport/platform-testing';
import request from 'supertest';
import { DIRECTORY_TOPIC } from '@rapport/directory-contracts';
import { DirectoryModule } from '../directory.module';

export const START = new Date('2026-01-05T09:00:00.000Z');

export interface DirectoryTestApp {
  readonly app: INestApplication;
  readonly clock: ManualClock;
  readonly as: (id: string, ...roles: Role[]) => string;
  readonly http: () => ReturnType<typeof request>;
  readonly admin: string;
  readonly rep: string;
  readonly idp: string;
  /** Messages published on the directory topic so far (waits for the relay to catch up). */
  readonly published: () => Promise<IncomingMessage[]>;
  readonly close: () => Promise<void>;
}

/** The directory module in a Nest testing app: in-memory storage, a manual clock, the real HTTP pipeline. */
export async function startDirectoryTestApp(): Promise<DirectoryTestApp> {
  const clock = new ManualClock(START);
  const environment = loadEnvironment({ DATA_DIR: ':memory:', RAPPORT_DEV_TOKENS: 'false' } as NodeJS.ProcessEnv);
  const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock }), DirectoryModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, { title: 'Rapport directory', description: 'test', version: 'test' });
  await app.init();
  const tokens = app.get(TokenService);
  const as = (id: string, ...roles: Role[]): string => `Bearer ${tokens.issue({ id, roles })}`;
  const storage = app.get<Storage>(STORAGE);
  return {
    app,
    clock,
    as,
    http: () => request(app.getHttpServer()),
    admin: as('admin-root', 'admin', 'manager'),
    rep: as('rep-ana', 'rep'),
    idp: as('okta', 'integrator'),
    published: async () => {
      await until(async () => (await app.get(ReadinessRegistry).report()).checks['directory/relay'] === true);
      return ((await storage.bus()) as InProcessBus).read(DIRECTORY_TOPIC, 0, 100_000);
    },
    close: () => app.close(),
  };
}
