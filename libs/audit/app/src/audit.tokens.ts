/** The options the all-in-one runtime gives the audit module. */
export interface AuditOptions {
  /** Every service whose store the auditor reads, in the order ties are shown (embedded mode: all of them). */
  readonly services: readonly string[];
  /** A6: GETs under these paths read personal data and are recorded (default-on: a new route cannot be forgotten). */
  readonly personalReadPaths: readonly string[];
}
export const AUDIT_OPTIONS = Symbol('audit:options');
/** The store of the audit service itself: the append-only log of personal-data reads (A6). */
export const AUDIT_SERVICE = 'audit';
