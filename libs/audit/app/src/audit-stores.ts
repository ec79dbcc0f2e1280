import type { ServiceStore } from '@rapport/platform-audit';
import type { EventStore } from '@rapport/platform-eventsourcing';
import type { Storage } from '@rapport/platform-nest';
import type { AuditOptions } from './audit.tokens';

/** The services' event stores as the auditor reads them (through the platform's decryption: erased fields read null). */
export class AuditStores {
  constructor(
    private readonly storage: Storage,
    private readonly options: AuditOptions,
  ) {}

  /** One service's store (A3 folds a customer's streams from the customers, gating, complaints and feedback stores). */
  of(service: string): Promise<EventStore> {
    return this.storage.eventStore(service);
  }

  async all(): Promise<ServiceStore[]> {
    return Promise.all(this.options.services.map(async (service) => ({ service, store: await this.storage.eventStore(service) })));
  }
}
