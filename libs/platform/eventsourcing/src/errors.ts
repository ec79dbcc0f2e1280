import type { ExpectedVersion } from './event-store';

/** Infrastructure-level failures of an event store. Domain rule violations are {@link DomainError}s. */
export class EventStoreError extends Error {
  override readonly name: string = 'EventStoreError';
}

export class ConcurrencyError extends EventStoreError {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
  }
}

/** The same event id was appended before to a different place: a caller bug, never retried. */
export class EventIdConflictError extends EventStoreError {
  override readonly name = 'EventIdConflictError';
  constructor(readonly eventId: string) {
    super(`event ${eventId} was already appended with different content or to another stream`);
  }
}

/**
 * The engine could not be reached or could not answer in time (unavailable, not the leader, deadline
 * exceeded, connection dropped). The outcome of a write is unknown: retry it with the same command id
 * and event ids, which the store's idempotency turns into the original result if it had committed.
 */
export class EventStoreUnavailableError extends EventStoreError {
  override readonly name = 'EventStoreUnavailableError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** How a domain error maps onto a protocol: HTTP status, Kafka dead-letter reason. */
export type DomainErrorKind = 'not_found' | 'conflict' | 'rule_violation' | 'forbidden';

/**
 * A business rule said no. `rule` is the rule ID of docs/rules.md (`C1`, `K5` ...) so the
 * refusal can be traced to the policy that caused it; HTTP maps it to problem+json in one place.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly rule?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string): DomainError =>
  new DomainError('not_found', 'not-found', `${what} ${id} does not exist`, undefined, { id });
