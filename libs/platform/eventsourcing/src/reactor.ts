import type { RecordedEvent } from './envelope';
import type { EventStore } from './event-store';
import { withLogContext } from './log-context';
import type { PlatformLogger } from './logger';
import { Processor } from './processor';
import type { ReadModelStore } from './read-model';

interface ReactorBase {
  /** Unique per checkpoint store (e.g. `reactor:referral-points`). */
  readonly name: string;
  readonly eventTypes?: readonly string[];
  readonly streamPrefixes?: readonly string[];
  readonly batchSize?: number;
  readonly logger?: PlatformLogger;
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  readonly now?: () => Date;
}

/** One effect per event, in order; or one per batch when the effect is cheaper in bulk (publishing). */
export type ReactorOptions = ReactorBase &
  (
    | { readonly eachEvent: (event: RecordedEvent) => Promise<void>; readonly eachBatch?: never }
    | { readonly eachBatch: (events: readonly RecordedEvent[]) => Promise<void>; readonly eachEvent?: never }
  );

/**
 * A reactor is the processor used for effects (commands to other streams, messages to a broker): the
 * handler's effects complete, then the checkpoint commits. A crash in between repeats the effects, so
 * they must be idempotent (a command id derived from the event id, a message id equal to the event id).
 */
export function reactor(events: EventStore, checkpoints: ReadModelStore, options: ReactorOptions): Processor {
  const { eachEvent, eachBatch, ...rest } = options;
  return new Processor(events, checkpoints, {
    ...rest,
    handle: async (batch) => {
      if (eachBatch) await eachBatch(batch);
      // Each event's effects log with the correlation id and trace of the change that caused them.
      else for (const event of batch) await withLogContext(logContextOf(event), () => eachEvent!(event));
      return [];
    },
  });
}

function logContextOf(event: RecordedEvent): { correlationId: string; causationId: string; traceparent?: string } {
  const { correlationId, eventId, traceparent } = event.metadata;
  return { correlationId, causationId: eventId, ...(traceparent ? { traceparent } : {}) };
}
