import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Clock } from '@rapport/platform-eventsourcing';
import { CLOCK, ENVIRONMENT, STORAGE, type RapportEnvironment, type Storage } from '@rapport/platform-nest';
import { CustomerAsOfHttpController } from './as-of/customer-as-of.http.controller';
import { AuditStores } from './audit-stores';
import { AUDIT_OPTIONS, AUDIT_SERVICE, integrationTopicOf, type AuditOptions } from './audit.tokens';
import { AuditExportHttpController } from './export/audit-export.http.controller';
import { AuditHistoryHttpController } from './history/audit-history.http.controller';
import { HISTORY_SOURCE, StoresHistory, type HistorySource } from './history/history-source';
import { PublishedEventsConsumer, PUBLISHED_HISTORY_GROUP } from './published-history/published-events.consumer';
import { PublishedLog } from './published-history/published-log';
import { AuditReadsHttpController } from './reads/audit-reads.http.controller';
import { PersonalReadsInterceptor } from './reads/personal-reads.interceptor';
import { ReadLog } from './reads/read-log';

const PUBLISHED_CONSUMER = Symbol('audit:published-consumer');

/** Topic-fed history in distributed mode (an auditor never needs a service's database), store-read embedded. */
export const historySourceOf = (options: AuditOptions, env: RapportEnvironment): 'stores' | 'topics' => options.historySource ?? (env.RAPPORT_MODE === 'distributed' ? 'topics' : 'stores');

/**
 * The auditor's API (A1, A2, A3, A6, A7) and the recorder of personal-data reads. Embedded mode: the all-in-one
 * runtime imports it with every service's name, and history reads every store of the process; distributed mode:
 * history is the audit's own log of the services' published events, fed by their integration topics.
 */
@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
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
        { provide: APP_INTERCEPTOR, useClass: PersonalReadsInterceptor },
      ],
    };
  }
}
