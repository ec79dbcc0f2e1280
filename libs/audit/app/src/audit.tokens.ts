/** The options the all-in-one runtime gives the audit module. */
export interface AuditOptions {
  /** Every service whose store the auditor reads, in the order ties are shown (embedded mode: all of them). */
  readonly services: readonly string[];
  /**
   * Where A1/A2 history and A7 exports are read from: the services' event stores, or the audit's log of their
   * published events fed by the integration topics. Default: `topics` in distributed mode, `stores` embedded.
   */
  readonly historySource?: 'stores' | 'topics';
  /** The integration topics that feed the topic-fed history (default: `rapport.<service>.v1` of each service). */
  readonly topics?: readonly string[];
  /** The consumer group feeding it (default `audit-history`). */
  readonly historyGroupId?: string;
  /**
   * A6, topic-fed mode only: the topic the services publish the personal reads they serve on
   * (default `rapport.audit-reads.v1`) and the consumer group that appends them to the read log (default `audit-reads`).
   */
  readonly readsTopic?: string;
  readonly readsGroupId?: string;
}

/** The integration topic a service publishes its events on (`rapport.<service>.v1`, each service's contract). */
export const integrationTopicOf = (service: string): string => `rapport.${service}.v1`;
export const AUDIT_OPTIONS = Symbol('audit:options');
/** The store of the audit service itself: the append-only log of personal-data reads (A6). */
export const AUDIT_SERVICE = 'audit';
