import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@rapport/platform-eventsourcing';
import { AUDIT_READ_LOG, CLOCK, ENVIRONMENT, PersonalReadsModule, STORAGE, type RapportEnvironment, type Storage } from '@rapport/platform-nest';
import { CustomerAsOfHttpController } from './as-of/customer-as-of.http.controller';
import { AuditStores } from './audit-stores';
import { AUDIT_OPTIONS, AUDIT_SERVICE, integrationTopicOf, type AuditOptions } from './audit.tokens';
import { AuditExportHttpController } from './export/audit-export.http.controller';
import { AuditHistoryHttpController } from './history/audit-history.http.controller';
import { HISTORY_SOURCE, StoresHistory, type HistorySource } from './history/history-source';
import { PublishedEventsConsumer, PUBLISHED_HISTORY_GROUP } from './published-history/published-events.consumer';
import { PublishedLog } from './published-history/published-log';
import { AuditReadsHttpController } from './reads/audit-reads.http.controller';
import { PersonalReadsConsumer } from './reads/personal-reads.consumer';
import { ReadLog } from './reads/read-log';

const PUBLISHED_CONSUMER = Symbol('audit:published-consumer');
const READS_CONSUMER = Symbol('audit:reads-consumer');

/** Topic-fed history in distributed mode (an auditor never needs a service's database), store-read embedded. */
export const historySourceOf = (options: AuditOptions, env: RapportEnvironment): 'stores' | 'topics' => options.historySource ?? (env.RAPPORT_MODE === 'distributed' ? 'topics' : 'stores');

/**
 * The auditor's API (A1, A2, A3, A6, A7) and the recorder of personal-data reads. Embedded mode: the all-in-one
 * runtime imports it with every service's name, and history reads every store of the process; distributed mode:
 * history is the audit's own log of the services' published events, fed by their integration topics.
 * A6: the read log is where every service of this process records the personal reads it serves (each declares its
 * own paths); in topic-fed mode it also takes in the reads the other processes publish on `rapport.audit-reads.v1`.
 */
@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      // A6: the auditor's own answers are personal reads too (histories, exports, as-of, the read log itself).
      imports: [PersonalReadsModule.forService(AUDIT_SERVICE, '/api/v1/audit')],
      controllers: [AuditHistoryHttpController, AuditExportHttpController, AuditReadsHttpController, CustomerAsOfHttpController],
      providers: [
        { provide: AUDIT_OPTIONS, useValue: options },
        { provide: AuditStores, inject: [STORAGE], useFactory: (storage: Storage) => new AuditStores(storage, options) },
        { provide: ReadLog, inject: [STORAGE], useFactory: async (storage: Storage) => new ReadLog(await storage.eventStore(AUDIT_SERVICE)) },
        {
          provide: HISTORY_SOURCE,
          inject: [ENVIRONMENT, STORAGE, CLOCK, AuditStores],
          useFactory: async (env: RapportEnvironment, storage: Storage, clock: Clock, stores: AuditStores): Promise<HistorySource> =>
            historySourceOf(options, env) === 'topics' ? new PublishedLog(await storage.eventStore(AUDIT_SERVICE), clock, options.services) : new StoresHistory(stores),
        },
        {
          provide: PUBLISHED_CONSUMER,
          inject: [STORAGE, HISTORY_SOURCE],
          useFactory: async (storage: Storage, source: HistorySource): Promise<PublishedEventsConsumer | null> =>
            source instanceof PublishedLog
              ? new PublishedEventsConsumer(await storage.bus(), source, options.topics ?? options.services.map(integrationTopicOf), options.historyGroupId ?? PUBLISHED_HISTORY_GROUP)
              : null,
        },
        // The services of this process find the read log here and record in it: one log, nothing published.
        { provide: AUDIT_READ_LOG, useExisting: ReadLog },
        {
          provide: READS_CONSUMER,
          inject: [STORAGE, HISTORY_SOURCE, ReadLog],
          useFactory: async (storage: Storage, source: HistorySource, log: ReadLog): Promise<PersonalReadsConsumer | null> =>
            source instanceof PublishedLog ? new PersonalReadsConsumer(await storage.bus(), log, options.readsTopic, options.readsGroupId) : null,
        },
      ],
    };
  }
}
