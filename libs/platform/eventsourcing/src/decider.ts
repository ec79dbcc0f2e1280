import { commandTypeOf, failureOutcomeOf, reportCommand, resultOutcomeOf } from './command-observer';
import { appendContextOf, type CommandContext, type DomainEvent, type RecordedEvent } from './envelope';
import { ConcurrencyError, DomainError } from './errors';
import type { EventStore, ExpectedVersion, StreamAppend } from './event-store';
import { nameBasedUuid } from './ids';

/**
 * A pure decision model (Chassaing's decider): `decide` turns a command and the current state into
 * events, `evolve` folds one event into the state. No I/O, no clock, no id generation inside:
 * everything that varies arrives in the command.
 */
export interface Decider<C, E extends DomainEvent, S> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: E) => S;
}

export const fold = <E extends DomainEvent, S>(
  decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
  events: Iterable<E>,
): S => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/** Whether a command creates its stream, needs it to exist, or does not care. */
export type StreamExpectation = 'new' | 'existing' | 'any';

export interface HandleResult<E extends DomainEvent, S> {
  readonly events: readonly RecordedEvent<E>[];
  readonly state: S;
  readonly streamVersion: number;
  /** The command had been handled before (same command id): nothing new was written. */
  readonly duplicate: boolean;
}

export interface CommandHandlerOptions {
  /** How often a command is re-decided after a concurrent write to the same stream. */
  readonly maxRetries?: number;
  /** Builds the id of the n-th event of a command, so a retried command produces the same event ids. */
  readonly eventId?: (commandId: string, index: number) => string;
  /**
   * How many streams' folded states (with their versions) to keep, so a command reads only the events
   * appended since (default 1,000; 0 turns it off). Safe with other writers: the append still expects the
   * version the state was folded to, and a conflict drops the entry and reads the stream whole.
   */
  readonly cachedStreams?: number;
}

export const defaultEventId = (commandId: string, index: number): string => nameBasedUuid(`${commandId}/${index}`);

/**
 * Runs one command against one stream: load, fold, decide, append with the expected version.
 * A concurrent append to the same stream makes it re-read and re-decide (bounded), because the rule
 * must be checked against the state the events are actually appended to. Folded states are cached with
 * their versions, so a command reads only what was appended since (deciders' states are immutable values).
 */
export class CommandHandler<C, E extends DomainEvent, S> {
  private readonly maxRetries: number;
  private readonly eventId: (commandId: string, index: number) => string;
  private readonly cacheSize: number;
  /** streamId → state folded up to version; insertion order is recency (least recent first). */
  private readonly cache = new Map<string, { readonly version: number; readonly state: S }>();

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<C, E, S>,
    options: CommandHandlerOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 3;
    this.eventId = options.eventId ?? defaultEventId;
    this.cacheSize = options.cachedStreams ?? 1_000;
  }

  /** Handles one command and reports how it ended to the command observers (`rapport_commands_total`). */
  async handle(
    streamId: string,
    command: C,
    context: CommandContext,
    expectation: StreamExpectation,
  ): Promise<HandleResult<E, S>> {
    let result: HandleResult<E, S>;
    try {
      result = await this.run(streamId, command, context, expectation);
    } catch (error) {
      reportCommand({ store: this.store, command: commandTypeOf(command), outcome: failureOutcomeOf(error) });
      throw error;
    }
    reportCommand({ store: this.store, command: commandTypeOf(command), outcome: resultOutcomeOf(result) });
    return result;
  }

  private async run(streamId: string, command: C, context: CommandContext, expectation: StreamExpectation): Promise<HandleResult<E, S>> {
    const earlier = await this.store.findCommand(context.commandId);
    if (earlier) return this.replay(earlier.streamId, earlier.firstPosition, earlier.streamVersion);

    for (let attempt = 0; ; attempt++) {
      const { version, state } = await this.load(streamId);
      if (expectation === 'existing' && version === 0) {
        throw new DomainError('not_found', 'not-found', `${streamId} does not exist`, undefined, { streamId });
      }
      if (expectation === 'new' && version > 0) {
        throw new DomainError('conflict', 'already-exists', `${streamId} already exists`, undefined, { streamId });
      }
      const decided = this.decider.decide(command, state);
      if (decided.length === 0) return { events: [], state, streamVersion: version, duplicate: false };

      const expectedVersion: ExpectedVersion = version === 0 ? 'no_stream' : version;
      try {
        const result = await this.store.append(
          streamId,
          decided.map((event, index) => ({ eventId: this.eventId(context.commandId, index), type: event.type, data: event.data })),
          { expectedVersion, context: appendContextOf(context) },
        );
        if (result.duplicate) return this.replay(streamId, result.firstPosition, result.streamVersion);
        const recorded = await this.store.readStream<E>(streamId, { fromVersion: version + 1, maxCount: decided.length });
        const newState = decided.reduce(this.decider.evolve, state);
        this.remember(streamId, result.streamVersion, newState);
        return { events: recorded, state: newState, streamVersion: result.streamVersion, duplicate: false };
      } catch (error) {
        // The cached state may be behind a write of another process, or ahead of a store that was reset.
        this.cache.delete(streamId);
        if (!(error instanceof ConcurrencyError) || attempt >= this.maxRetries) throw error;
      }
    }
  }

  /** The stream's state and version: the cached fold, brought up to date with the events appended since. */
  private async load(streamId: string): Promise<{ version: number; state: S }> {
    const cached = this.cache.get(streamId);
    const from = cached?.version ?? 0;
    const newer = await this.store.readStream<E>(streamId, { fromVersion: from + 1 });
    let state = cached ? cached.state : this.decider.initialState();
    for (const event of newer) state = this.decider.evolve(state, toDomainEvent(event));
    const version = from + newer.length;
    if (newer.length > 0 && newer[newer.length - 1]!.metadata.streamVersion !== version) {
      // Not a continuation of what was cached: fold the whole stream.
      this.cache.delete(streamId);
      const history = await this.store.readStream<E>(streamId);
      const whole = { version: history.length, state: fold(this.decider, history.map(toDomainEvent)) };
      this.remember(streamId, whole.version, whole.state);
      return whole;
    }
    this.remember(streamId, version, state);
    return { version, state };
  }

  private remember(streamId: string, version: number, state: S): void {
    if (this.cacheSize <= 0 || version === 0) return;
    this.cache.delete(streamId);
    this.cache.set(streamId, { version, state });
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Rebuilds the answer of a command handled before, from what the store kept of it. */
  private async replay(streamId: string, firstPosition: number, streamVersion: number): Promise<HandleResult<E, S>> {
    const history = await this.store.readStream<E>(streamId);
    const upTo = history.filter((e) => e.metadata.streamVersion <= streamVersion);
    const events = upTo.filter((e) => e.metadata.globalPosition >= firstPosition);
    return { events, state: fold(this.decider, upTo.map(toDomainEvent)), streamVersion, duplicate: true };
  }
}

export const toDomainEvent = <E extends DomainEvent>(event: RecordedEvent<E>): E =>
  ({ type: event.type, data: event.data }) as E;

/** Events decided for one stream, against the version its state was folded from. */
export interface DecidedStream {
  readonly streamId: string;
  /** The version the decision was made on (0: the stream does not exist yet). */
  readonly version: number;
  readonly events: readonly DomainEvent[];
}

/**
 * A decision over several streams as one multi-stream append: each stream expects the version its state
 * was read at, and event ids come from the command id and the event's index across the whole decision,
 * so a retried command produces the same ids. Streams with nothing decided still check their version
 * (a decision that read them must not stand if they moved).
 */
export function decidedAppends(
  decided: readonly DecidedStream[],
  commandId: string,
  eventId: (commandId: string, index: number) => string = defaultEventId,
): StreamAppend[] {
  let index = 0;
  return decided.map((d) => ({
    streamId: d.streamId,
    expectedVersion: d.version === 0 ? 'no_stream' : d.version,
    events: d.events.map((e) => ({ eventId: eventId(commandId, index++), type: e.type, data: e.data })),
  }));
}
