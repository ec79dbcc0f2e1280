/**
 * The event envelope shared by every stream and every adapter.
 *
 * Event types are explicit, versioned strings (`customers.customer-registered.v1`), never class names,
 * so a renamed class can never orphan stored history.
 */

/** Who caused a change. Always taken from the authenticated principal or the timer, never from a request body. */
export interface Actor {
  readonly id: string;
  readonly kind: 'user' | 'integrator' | 'system' | 'timer';
  readonly roles?: readonly string[];
}

/** Through what a change entered the system (A1). */
export type Channel = 'api' | 'topic' | 'timer' | 'import' | 'system';

/** The context every command carries in; the decider runtime copies it onto every event it appends. */
export interface CommandContext {
  readonly commandId: string;
  readonly actor: Actor;
  /** Injected clock reading: deciders never call `new Date()`. */
  readonly now: Date;
  readonly correlationId: string;
  /** The id of the message or event that caused this command; the command id itself when it came from a user. */
  readonly causationId: string;
  readonly reason?: string;
  readonly via: Channel;
  /** W3C trace context, so a trace follows the change across HTTP, the store and Kafka. */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** An event as a decider produces it: a type and its data. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/** Everything the store records about an event beside its data. */
export interface EventMetadata {
  readonly eventId: string;
  readonly streamId: string;
  /** 1 for the first event of a stream; equals the stream's length after this event. */
  readonly streamVersion: number;
  /**
   * Position in the store's global order: strictly increasing, assigned at commit, never skipped by an
   * in-order reader. Dense on SQLite and PostgreSQL, not on KurrentDB (its `$all` commit position).
   */
  readonly globalPosition: number;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly reason?: string;
  readonly via: Channel;
  readonly correlationId: string;
  readonly causationId: string;
  readonly commandId?: string;
  readonly traceparent?: string;
  readonly tracestate?: string;
  /** A5: personal fields of this event whose subject was erased; they read as null. Set on read, never stored. */
  readonly erasedFields?: readonly string[];
}

export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: EventMetadata;
}

/** An event handed to the store: its id is chosen by the caller so a retried append is recognised. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  readonly eventId: string;
  readonly type: E['type'];
  readonly data: E['data'];
}

/** The part of the metadata that the appender supplies; the store adds ids, versions and positions. */
export type AppendContext = Omit<EventMetadata, 'eventId' | 'streamId' | 'streamVersion' | 'globalPosition'>;

export function appendContextOf(ctx: CommandContext): AppendContext {
  return {
    recordedAt: ctx.now.toISOString(),
    actor: ctx.actor,
    via: ctx.via,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    commandId: ctx.commandId,
    ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
    ...(ctx.traceparent === undefined ? {} : { traceparent: ctx.traceparent }),
    ...(ctx.tracestate === undefined ? {} : { tracestate: ctx.tracestate }),
  };
}
