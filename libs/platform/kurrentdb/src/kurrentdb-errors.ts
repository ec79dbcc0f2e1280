import { EventStoreError, EventStoreUnavailableError, type ExpectedVersion } from '@rapport/platform-eventsourcing';
import {
  AppendConsistencyViolationError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  isCommandError,
  type AppendStreamState,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';

/** gRPC status codes UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, RESOURCE_EXHAUSTED (the client does not re-export the enum). */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([14, 4, 10, 8]);

/** A stream's expected or actual state as the server reports it, as the port's version (number of events). */
export type StreamConflict = {
  readonly kind: 'stream-conflict';
  readonly streamName: string;
  readonly expected: ExpectedVersion;
  /** The stream's version; NaN when the server did not say. */
  readonly actual: number;
};

/** What a client error means to the port. */
export type ServerError = StreamConflict | { readonly kind: 'unavailable'; readonly error: EventStoreUnavailableError } | { readonly kind: 'other'; readonly error: unknown };

export const versionOf = (state: CurrentStreamState | AppendStreamState | undefined): number =>
  typeof state === 'bigint' ? Number(state) + 1 : state === 'no_stream' ? 0 : Number.NaN;

export const expectedOf = (state: AppendStreamState): ExpectedVersion =>
  typeof state === 'bigint' ? Number(state) + 1 : state === 'no_stream' ? 'no_stream' : state === 'stream_exists' ? 'stream_exists' : 'any';

/** The port's expected version as the server's expected state (version v is revision v - 1). */
export const expectedStateOf = (expected: ExpectedVersion): AppendStreamState =>
  expected === 'any' ? 'any' : expected === 'no_stream' || expected === 0 ? 'no_stream' : expected === 'stream_exists' ? 'stream_exists' : BigInt(expected - 1);

/**
 * Sorts a client error: a revision conflict (the legacy and the v2 multi-stream form alike) names its stream;
 * unavailable, not the leader, deadline exceeded, timeout or a server-side cancel become the port's
 * EventStoreUnavailableError (the outcome of a write is unknown: retry with the same ids); the rest stays as is.
 */
export function classify(error: unknown): ServerError {
  if (error instanceof WrongExpectedVersionError) {
    return { kind: 'stream-conflict', streamName: error.streamName, expected: expectedOf(error.expectedState), actual: versionOf(error.actualState) };
  }
  if (error instanceof AppendConsistencyViolationError && error.violations.length > 0) {
    const v = error.violations[0]!;
    return { kind: 'stream-conflict', streamName: v.streamName, expected: expectedOf(v.expectedState), actual: versionOf(v.actualState) };
  }
  const unavailable =
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    // The client turns a bare ABORTED (no details) or a resource limit into UnknownError: both are "try again".
    (error instanceof Error && isCommandError(error) && error.code !== undefined && RETRYABLE_CODES.has(error.code));
  if (unavailable) return { kind: 'unavailable', error: new EventStoreUnavailableError(`KurrentDB: ${error.message}`, error) };
  return { kind: 'other', error };
}

/** For reads: a server fault as the port's error; a raw client error never escapes. */
export function portError(error: unknown): unknown {
  const c = classify(error);
  if (c.kind === 'unavailable') return c.error;
  if (c.kind === 'stream-conflict') return new EventStoreError(`KurrentDB: unexpected conflict on ${c.streamName}`);
  return error instanceof Error && isCommandError(error) ? Object.assign(new EventStoreError(`KurrentDB ${error.type}: ${error.message}`), { cause: error }) : error;
}
