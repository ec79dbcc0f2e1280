import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { STORAGE, type Storage } from '@rapport/platform-nest';
import { AuditStores } from './audit-stores';
import { AUDIT_OPTIONS, AUDIT_SERVICE, type AuditOptions } from './audit.tokens';
import { AuditExportHttpController } from './export/audit-export.http.controller';
import { AuditHistoryHttpController } from './history/audit-history.http.controller';
import { AuditReadsHttpController } from './reads/audit-reads.http.controller';
import { PersonalReadsInterceptor } from './reads/personal-reads.interceptor';
import { ReadLog } from './reads/read-log';

/**
 * The auditor's API (A1, A2, A6, A7) over every service's store in this process, and the recorder of
 * personal-data reads. Embedded mode: the all-in-one runtime imports it with every service's name.
 */
@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditHistoryHttpController, AuditExportHttpController, AuditReadsHttpController],
      providers: [
        { provide: AUDIT_OPTIONS, useValue: options },
        { provide: AuditStores, inject: [STORAGE], useFactory: (storage: Storage) => new AuditStores(storage, options) },
        { provide: ReadLog, inject: [STORAGE], useFactory: async (storage: Storage) => new ReadLog(await storage.eventStore(AUDIT_SERVICE)) },
        { provide: APP_INTERCEPTOR, useClass: PersonalReadsInterceptor },
      ],
    };
  }
}
