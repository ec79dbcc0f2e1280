/**
 * Workflow deciders: processes that span streams or services, written as pure functions like a decider
 * (Emmett's workflow is the reference shape). A workflow receives input messages — events of its own
 * service's streams, integration events, fired timers — and for each one decides what to do next:
 *
 *   decide(input, state) -> outputs      evolve(state, input) -> state
 *
 * Outputs are requests, never effects: `send` a command to a command handler, `publish` an integration
 * event, `schedule` a message for later (a timer request to the scheduler), or `ignore` with a reason.
 * The workflow runner (`workflowReactor`) turns them into effects, idempotently, so the workflow itself
 * holds no try/catch, no I/O and no clock: time and ids arrive in the input.
 */

export interface SendOutput<C> {
  readonly kind: 'send';
  readonly command: C;
}

export interface PublishOutput<E> {
  readonly kind: 'publish';
  readonly event: E;
}

export interface ScheduleOutput<M> {
  readonly kind: 'schedule';
  /** When the message is due. */
  readonly at: Date;
  readonly message: M;
  /** Idempotency key of the timer within the workflow instance (e.g. `sla-breach`); a repeat is the same timer. */
  readonly timerKey: string;
}

export interface IgnoreOutput {
  readonly kind: 'ignore';
  /** Why nothing is done: logged, and stated by specs. Name the rule where one applies. */
  readonly reason: string;
}

export type WorkflowOutput<C, E = never, M = never> = SendOutput<C> | PublishOutput<E> | ScheduleOutput<M> | IgnoreOutput;

export const send = <C>(command: C): SendOutput<C> => ({ kind: 'send', command });
export const publish = <E>(event: E): PublishOutput<E> => ({ kind: 'publish', event });
export const schedule = <M>(at: Date, message: M, timerKey: string): ScheduleOutput<M> => ({ kind: 'schedule', at, message, timerKey });
export const ignore = (reason: string): IgnoreOutput => ({ kind: 'ignore', reason });

/**
 * A workflow over inputs `I` with state `S` per instance; it may send commands `C`, publish events `E` and
 * schedule messages `M`. The state must be plain JSON: the runner keeps it as a document per instance.
 */
export interface Workflow<I, S, C, E = never, M = never> {
  /** Unique per service: names the runner's checkpoint and the state collection. */
  readonly name: string;
  readonly initialState: () => S;
  /** Which instance an input belongs to (its own state); e.g. the referrer for referral points. */
  readonly instanceOf: (input: I) => string;
  readonly decide: (input: I, state: S) => readonly WorkflowOutput<C, E, M>[];
  /** Folds a handled input into the state; runs after `decide` for the same input. */
  readonly evolve: (state: S, input: I) => S;
}

/** Folds inputs from the initial state: what the instance's state is after them. */
export function foldWorkflow<I, S>(workflow: Pick<Workflow<I, S, unknown>, 'initialState' | 'evolve'>, inputs: Iterable<I>): S {
  let state = workflow.initialState();
  for (const input of inputs) state = workflow.evolve(state, input);
  return state;
}
