import { Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR, ModuleRef } from '@nestjs/core';
import { sleep, type Clock } from '@rapport/platform-eventsourcing';
import { deadLetterTopic, OutboxRelay } from '@rapport/platform-messaging';
import { declareBusAccess } from '../kafka-access/kafka-access';
import { ReadinessRegistry } from '../runtime/readiness';
import type { Storage } from '../runtime/storage';
import { CLOCK, STORAGE } from '../runtime/tokens';
import { AUDIT_READ_LOG, AUDIT_READS_TOPIC, personalReadMessages, readsStoreOf, ServiceReadsLog, type PersonalReadsLog } from './personal-data-read';
import { PersonalReadsInterceptor, type PersonalReadRoutes } from './personal-reads.interceptor';

const PERSONAL_READ_ROUTES = Symbol('rapport:personal-read-routes');

/**
 * Where one service's reads go (A6). Where the audit runs in the same process (the all-in-one runtime, the audit
 * process itself) its read log is the only log. Otherwise the service keeps its own append-only log
 * (`<service>-reads`: a SQLite file of its own embedded, a schema of its own in PostgreSQL), and that log is the
 * outbox of the reads topic: a relay publishes each read as `rapport.audit.personal-data-read.v1` once stored,
 * at least once, with the stored read's id as CloudEvent id, so the audit keeps one entry per read.
 */
export class PersonalReads implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private audit: PersonalReadsLog | undefined;
  private own: Promise<ServiceReadsLog> | undefined;
  private relay: OutboxRelay | undefined;
  private connecting: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private readonly logger: Logger;

  constructor(
    readonly routes: PersonalReadRoutes,
    private readonly storage: Storage,
    private readonly readiness: ReadinessRegistry,
    private readonly modules: ModuleRef,
  ) {
    this.logger = new Logger(`${routes.service}/personal-reads`);
  }

  /** Every provider exists by now: the audit's log is found wherever in the process it is. */
  onModuleInit(): void {
    try {
      this.audit = this.modules.get<PersonalReadsLog>(AUDIT_READ_LOG, { strict: false });
    } catch {
      this.audit = undefined;
      declareBusAccess(this.routes.service, { writes: [AUDIT_READS_TOPIC] });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.audit) return;
    const name = readsStoreOf(this.routes.service);
    const [events, checkpoints, bus] = await Promise.all([this.storage.eventStore(name), this.storage.readModels(name), this.storage.bus()]);
    this.relay = new OutboxRelay(events, checkpoints, bus, { name, map: personalReadMessages, logger: new Logger(`${this.routes.service}/personal-reads-relay`) });
    this.readiness.registerProcessor(`${this.routes.service}/personal-reads-relay`, this.relay);
    this.connecting = this.connect(bus);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.connecting;
    await this.relay?.stop();
  }

  /** The log this service's reads are recorded in. */
  log(): Promise<PersonalReadsLog> {
    if (this.audit) return Promise.resolve(this.audit);
    return (this.own ??= this.storage.eventStore(readsStoreOf(this.routes.service)).then((store) => new ServiceReadsLog(store)));
  }

  /** Whether the reads go to the audit's log in this process (true) or to the service's own log and the topic. */
  get recordsInAudit(): boolean {
    return this.audit !== undefined;
  }

  /** Reads are answered while the broker is away: the log is the outbox, the relay catches up once it answers. */
  private async connect(bus: { ensureTopics(topics: readonly { name: string }[]): Promise<void> }): Promise<void> {
    for (let delay = 500; !this.stopping.signal.aborted; delay = Math.min(delay * 2, 15_000)) {
      try {
        await bus.ensureTopics([{ name: AUDIT_READS_TOPIC }, { name: deadLetterTopic(AUDIT_READS_TOPIC) }]);
        await this.relay!.start();
        return;
      } catch (error) {
        this.logger.warn(`message bus not reachable, retrying in ${delay} ms (${error instanceof Error ? error.message : String(error)})`);
        await sleep(delay, this.stopping.signal);
      }
    }
  }
}

/**
 * A6 for one service: `imports: [PersonalReadsModule.forService('customers', '/api/v1/customers')]` in the service's
 * module records every GET under those paths, in whichever process the service runs. Each service declares its own
 * paths; the platform knows none.
 */
@Module({})
export class PersonalReadsModule {
  static forService(service: string, ...paths: readonly string[]): DynamicModule {
    const routes: PersonalReadRoutes = { service, paths: [...paths] };
    return {
      module: PersonalReadsModule,
      providers: [
        // A value of its own per service: each declaration is a module of its own (Nest tells them apart by it).
        { provide: PERSONAL_READ_ROUTES, useValue: routes },
        {
          provide: PersonalReads,
          inject: [PERSONAL_READ_ROUTES, STORAGE, ReadinessRegistry, ModuleRef],
          useFactory: (r: PersonalReadRoutes, storage: Storage, readiness: ReadinessRegistry, modules: ModuleRef) => new PersonalReads(r, storage, readiness, modules),
        },
        {
          provide: APP_INTERCEPTOR,
          inject: [PERSONAL_READ_ROUTES, PersonalReads, CLOCK],
          useFactory: (r: PersonalReadRoutes, reads: PersonalReads, clock: Clock) => new PersonalReadsInterceptor(r, () => reads.log(), clock),
        },
      ],
    };
  }
}
