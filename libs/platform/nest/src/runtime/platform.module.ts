import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { systemClock, type Clock } from '@rapport/platform-eventsourcing';
import { AuthGuard } from '../auth/auth.guard';
import { BearerAuthenticator } from '../auth/bearer-authenticator';
import { oidcOptionsOf } from '../auth/oidc.options';
import { OidcVerifier } from '../auth/oidc.verifier';
import { TokenService } from '../auth/token.service';
import { CommandContexts } from '../http/command-contexts';
import { IDEMPOTENCY_STORE, IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { IdempotencyStore } from '../http/idempotency.store';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { createValidationPipe } from '../http/validation';
import type { RapportEnvironment } from './config';
import { HealthController } from './health.controller';
import { IndexController } from './index.controller';
import { ProjectionsController } from './projections.controller';
import { metricsParts } from '../metrics/metrics.providers';
import { ReadinessRegistry } from './readiness';
import { apiKeysOf, jwtSecretOf } from './secrets';
import { ConfiguredStorage, type Storage } from './storage';
import { CLOCK, ENVIRONMENT, STORAGE } from './tokens';

export interface PlatformOptions {
  readonly environment: RapportEnvironment;
  /** Defaults to the engines the environment selects (embedded SQLite under DATA_DIR unless told otherwise). */
  readonly storage?: Storage;
  /** Defaults to the system clock; tests inject a manual one. */
  readonly clock?: Clock;
  /** Names this process to brokers (Kafka client id). */
  readonly clientId?: string;
}

const oidcVerifierOf = (env: RapportEnvironment): OidcVerifier | undefined => {
  const options = oidcOptionsOf(env);
  return options && new OidcVerifier(options);
};

/** Closes the storage last, after every service stopped its projections and relays (onModuleDestroy). */
class StorageCloser implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}
  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

/**
 * What every Rapport process shares, whichever services it hosts: configuration, clock, storage,
 * authentication, validation, problem+json errors, health and readiness.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const env = options.environment;
    return {
      module: PlatformModule,
      controllers: [IndexController, HealthController, ProjectionsController, ...metricsParts.controllers],
      providers: [
        { provide: ENVIRONMENT, useValue: env },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: STORAGE, useValue: options.storage ?? new ConfiguredStorage(env, options.clientId) },
        { provide: TokenService, useFactory: () => new TokenService(jwtSecretOf(env), apiKeysOf(env)) },
        { provide: BearerAuthenticator, inject: [TokenService], useFactory: (tokens: TokenService) => new BearerAuthenticator(tokens, oidcVerifierOf(env)) },
        // Network engines are checks of their own: `/ready` names the one that has not answered yet.
        { provide: ReadinessRegistry, inject: [STORAGE], useFactory: (storage: Storage) => ReadinessRegistry.withChecks(storage.engineChecks?.() ?? []) },
        CommandContexts,
        StorageCloser,
        ...metricsParts.providers,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        {
          // Opened on the first keyed request; one store per process, keys scoped by principal and route.
          provide: IDEMPOTENCY_STORE,
          inject: [STORAGE],
          useFactory: (storage: Storage) => {
            let opened: Promise<IdempotencyStore> | undefined;
            return () => (opened ??= storage.readModels('http-idempotency').then((store) => IdempotencyStore.open(store, { singleProcess: env.readModelEngine === 'sqlite' })));
          },
        },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [ENVIRONMENT, CLOCK, STORAGE, TokenService, ReadinessRegistry, CommandContexts],
    };
  }
}
