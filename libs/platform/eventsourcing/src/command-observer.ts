import { DomainError, EventStoreUnavailableError, type DomainErrorKind } from './errors';
import type { EventStore } from './event-store';

/**
 * How one command ended. `accepted`: events were written. `unchanged`: the decider decided nothing (a timer that
 * found nothing due). `duplicate`: the command id had been handled before and was answered from the store.
 * `rejected-<kind>`: a business rule said no (the DomainError's kind: `not_found`, `conflict`, `rule_violation`,
 * `forbidden`). `unavailable`: the engine could not be reached. `failed`: anything else (concurrent writes
 * retried out, a bug).
 */
export type CommandOutcome = 'accepted' | 'unchanged' | 'duplicate' | `rejected-${DomainErrorKind}` | 'unavailable' | 'failed';

export interface CommandObservation {
  /** The store the command ran on: the runtime knows which service (and engine) it belongs to. */
  readonly store: EventStore;
  /** The command's `type`, a constant of its decider's command union (`register-person`); `unknown` without one. */
  readonly command: string;
  readonly outcome: CommandOutcome;
}

export type CommandObserver = (observation: CommandObservation) => void;

const observers = new Set<CommandObserver>();

/** Subscribes to every command handled in this process (metrics); the returned function unsubscribes. */
export function observeCommands(observer: CommandObserver): () => void {
  observers.add(observer);
  return () => void observers.delete(observer);
}

/** The `type` a command carries, for labels: command unions are tagged with constant strings. */
export const commandTypeOf = (command: unknown): string =>
  typeof command === 'object' && command !== null && typeof (command as { type?: unknown }).type === 'string' ? (command as { type: string }).type : 'unknown';

export const failureOutcomeOf = (error: unknown): CommandOutcome =>
  error instanceof DomainError ? `rejected-${error.kind}` : error instanceof EventStoreUnavailableError ? 'unavailable' : 'failed';

/** What a handled command's result says about it: written, answered from the store, or nothing to do. */
export const resultOutcomeOf = (result: { readonly duplicate: boolean; readonly events: readonly unknown[] }): CommandOutcome =>
  result.duplicate ? 'duplicate' : result.events.length === 0 ? 'unchanged' : 'accepted';

/** Tells the observers how a command ended. An observer that throws never fails the command. */
export function reportCommand(observation: CommandObservation): void {
  for (const observer of observers) {
    try {
      observer(observation);
    } catch {
      // Metrics are a side channel: a broken observer must not turn an accepted command into an error.
    }
  }
}

/**
 * Runs a command's work and reports how it ended: for use cases that decide over several streams and append
 * with `appendMany` instead of going through {@link CommandHandler} (which reports by itself). One call per
 * command, around everything that may refuse it; `outcomeOf` reads the use case's own result
 * ({@link resultOutcomeOf} for a `HandleResult`-like one).
 */
export async function observedCommand<R>(store: EventStore, command: string, work: () => Promise<R>, outcomeOf: (result: R) => CommandOutcome): Promise<R> {
  let result: R;
  try {
    result = await work();
  } catch (error) {
    reportCommand({ store, command, outcome: failureOutcomeOf(error) });
    throw error;
  }
  reportCommand({ store, command, outcome: outcomeOf(result) });
  return result;
}
