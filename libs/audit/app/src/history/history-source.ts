import { collectHistory, type AuditEntry, type HistoryFilter, type Progress } from '@rapport/platform-audit';
import type { AuditStores } from '../audit-stores';

/**
 * Where A1/A2 history (and the A7 exports made of it) is read from. Embedded mode: the services' own event
 * stores, every internal event. Distributed mode: the audit's log of the services' published events, fed by the
 * integration topics — an auditor never needs a service's database (README: what that log holds, and what not).
 */
export interface HistorySource {
  readonly kind: 'stores' | 'topics';
  collect(filter: HistoryFilter, progress?: Progress): Promise<AuditEntry[]>;
}

export const HISTORY_SOURCE = Symbol('audit:history-source');

/** Embedded mode: every service's event store, read through the platform's decryption (erased fields read null). */
export class StoresHistory implements HistorySource {
  readonly kind = 'stores' as const;
  constructor(private readonly stores: AuditStores) {}

  async collect(filter: HistoryFilter, progress?: Progress): Promise<AuditEntry[]> {
    return collectHistory(await this.stores.all(), filter, progress);
  }
}
