import type { ServiceStore } from '@rapport/platform-audit';
import type { Storage } from '@rapport/platform-nest';
import type { AuditOptions } from './audit.tokens';

/** The services' event stores as the auditor reads them (through the platform's decryption: erased fields read null). */
export class AuditStores {
  constructor(
    private readonly storage: Storage,
    private readonly options: AuditOptions,
  ) {}

  async all(): Promise<ServiceStore[]> {
    return Promise.all(this.options.services.map(async (service) => ({ service, store: await this.storage.eventStore(service) })));
  }
}
