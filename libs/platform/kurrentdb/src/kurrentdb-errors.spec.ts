import { EventStoreError, EventStoreUnavailableError } from '@rapport/platform-eventsourcing';
import { AccessDeniedError, convertToCommandError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { classify, expectedStateOf, portError } from './kurrentdb-errors';

/** gRPC status codes, as the server sends them. */
const status = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, PERMISSION_DENIED: 7, ABORTED: 10, UNAVAILABLE: 14 } as const;

type ServiceError = Parameters<typeof convertToCommandError>[0];

/** A gRPC failure as the client receives it from the server (metadata as grpc-js's Metadata reads). */
function serviceError(code: number, entries: Record<string, string> = {}): ServiceError {
  const metadata = { getMap: () => entries, get: (key: string) => (key in entries ? [entries[key]!] : []) };
  return Object.assign(new Error(`grpc ${code}`), { code, details: `server said ${code}`, metadata }) as unknown as ServiceError;
}

describe('KurrentDB errors as the port\'s errors', () => {
  it.each([
    ['unavailable', serviceError(status.UNAVAILABLE)],
    ['deadline exceeded', serviceError(status.DEADLINE_EXCEEDED)],
    ['not leader', serviceError(status.NOT_FOUND, { exception: 'not-leader', 'leader-endpoint-host': '10.0.0.2', 'leader-endpoint-port': '2113' })],
    ['aborted (timeout)', serviceError(status.ABORTED)],
  ])('%s → EventStoreUnavailableError, never a raw client error', (_, raw) => {
    const converted = convertToCommandError(raw);
    const mapped = classify(converted);
    expect(mapped.kind).toBe('unavailable');
    expect(portError(converted)).toBeInstanceOf(EventStoreUnavailableError);
    expect((portError(converted) as EventStoreUnavailableError).cause).toBe(converted);
  });

  it('a revision conflict names the stream, the expected and the actual version (version = revision + 1)', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 't1-order-1', expected: 4n, current: 6n });
    expect(classify(conflict)).toEqual({ kind: 'stream-conflict', streamName: 't1-order-1', expected: 5, actual: 7 });
    const created = new WrongExpectedVersionError(undefined, { streamName: 't1-order-2', expected: 'no_stream', current: 0n });
    expect(classify(created)).toEqual({ kind: 'stream-conflict', streamName: 't1-order-2', expected: 'no_stream', actual: 1 });
    expect(classify(new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'stream_exists', current: 'no_stream' }))).toMatchObject({ expected: 'stream_exists', actual: 0 });
  });

  it('other server refusals become an EventStoreError carrying the client error; non-client errors pass through', () => {
    const denied = new AccessDeniedError(serviceError(status.PERMISSION_DENIED) as ConstructorParameters<typeof AccessDeniedError>[0]);
    const mapped = portError(denied);
    expect(mapped).toBeInstanceOf(EventStoreError);
    expect((mapped as Error & { cause?: unknown }).cause).toBe(denied);
    const bug = new TypeError('x');
    expect(portError(bug)).toBe(bug);
  });

  it('the port\'s expected versions as the server\'s expected states', () => {
    expect([expectedStateOf('any'), expectedStateOf('no_stream'), expectedStateOf(0), expectedStateOf('stream_exists'), expectedStateOf(3)]).toEqual([
      'any',
      'no_stream',
      'no_stream',
      'stream_exists',
      2n,
    ]);
  });
});
