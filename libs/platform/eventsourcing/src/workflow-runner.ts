import type { Actor, CommandContext, RecordedEvent } from './envelope';
import { DomainError } from './errors';
import type { EventStore } from './event-store';
import { withLogContext } from './log-context';
import { errorMessage, platformLogger, type PlatformLogger } from './logger';
import { Processor } from './processor';
import { PendingWrites } from './projection';
import type { ReadModelStore } from './read-model';
import type { Workflow, WorkflowOutput } from './workflow';

/** A timer the runner asks for: the workflow's `schedule` output with its id made unique per instance. */
export interface TimerRequest<M> {
  /** `<workflow>/<instance>/<timerKey>`: the idempotency key of the scheduler contract. */
  readonly timerId: string;
  readonly at: Date;
  readonly message: M;
}

/**
 * Where a workflow's outputs go. `send` reaches a command handler; a refusal (a `DomainError` other than a
 * conflict) is final and logged, anything else is retried with the same command id. `publish` and
 * `schedule` are needed only by workflows that produce them.
 */
export interface WorkflowDispatcher<C, E = never, M = never> {
  send(command: C, context: CommandContext): Promise<void>;
  publish?(event: E, context: CommandContext): Promise<void>;
  schedule?(timer: TimerRequest<M>, context: CommandContext): Promise<void>;
}

export interface WorkflowReactorOptions<I, S, C, E, M> {
  readonly workflow: Workflow<I, S, C, E, M>;
  /** The store's event types this workflow takes as input (filtered before anything is read). */
  readonly eventTypes: readonly string[];
  /** A store event as the workflow's input; undefined skips it. */
  readonly toInput: (event: RecordedEvent) => I | undefined;
  readonly dispatch: WorkflowDispatcher<C, E, M>;
  /** The clock for the command contexts (deciders never read one). */
  readonly now: () => Date;
  /** Default `workflow:<name>`; a reactor ported to a workflow keeps its old checkpoint. */
  readonly checkpointName?: string;
  readonly actor?: Actor;
  readonly streamPrefixes?: readonly string[];
  readonly batchSize?: number;
  readonly logger?: PlatformLogger;
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
}

interface InstanceDoc<S> {
  readonly id: string;
  readonly state: S;
  /** Global position of the last input folded into the state. */
  readonly position: number;
}

/** The collection that keeps a workflow's state, one document per instance. */
export const workflowCollection = (name: string): string => `workflow_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * Runs a workflow as a reactor on the processor: for each input event it reads the instance's state,
 * decides, dispatches the outputs, and commits the evolved state together with the checkpoint. A crash
 * after dispatching and before the commit decides again from the old state and dispatches the same
 * outputs with the same command ids (`<workflow>/<event id>/<output index>`), which the store answers
 * as duplicates: effects at-least-once, outcomes once.
 */
export function workflowReactor<I, S, C, E = never, M = never>(
  events: EventStore,
  readModels: ReadModelStore,
  options: WorkflowReactorOptions<I, S, C, E, M>,
): Processor {
  const { workflow, dispatch } = options;
  const collection = workflowCollection(workflow.name);
  const logger = options.logger ?? platformLogger(`workflow:${workflow.name}`);
  const actor: Actor = options.actor ?? { id: `workflow/${workflow.name}`, kind: 'system', roles: ['system'] };

  const contextOf = (event: RecordedEvent, index: number): CommandContext => {
    const { eventId, correlationId, traceparent, tracestate } = event.metadata;
    return {
      commandId: `${workflow.name}/${eventId}/${index}`,
      actor,
      now: options.now(),
      correlationId,
      causationId: eventId,
      via: 'system',
      reason: `workflow ${workflow.name} on ${event.type}`,
      ...(traceparent ? { traceparent } : {}),
      ...(tracestate ? { tracestate } : {}),
    };
  };

  const dispatchOne = async (output: WorkflowOutput<C, E, M>, event: RecordedEvent, index: number, instance: string): Promise<void> => {
    switch (output.kind) {
      case 'send':
        try {
          return await dispatch.send(output.command, contextOf(event, index));
        } catch (error) {
          // A rule said no: retrying cannot change that. Conflicts (a concurrent write, a merge) may resolve.
          if (error instanceof DomainError && error.kind !== 'conflict') {
            return logger.warn(`${workflow.name}: command for ${instance} refused (${error.rule ?? error.code}: ${errorMessage(error)})`);
          }
          throw error;
        }
      case 'publish':
        if (!dispatch.publish) throw new Error(`workflow ${workflow.name} publishes, but its dispatcher has no publish`);
        return dispatch.publish(output.event, contextOf(event, index));
      case 'schedule':
        if (!dispatch.schedule) throw new Error(`workflow ${workflow.name} schedules, but its dispatcher has no schedule`);
        return dispatch.schedule({ timerId: `${workflow.name}/${instance}/${output.timerKey}`, at: output.at, message: output.message }, contextOf(event, index));
      case 'ignore':
        return logger.log(`${workflow.name}: ${event.type} ${event.metadata.eventId} for ${instance} ignored: ${output.reason}`);
      default: {
        const _exhaustive: never = output;
        return _exhaustive;
      }
    }
  };

  return new Processor(events, readModels, {
    name: options.checkpointName ?? `workflow:${workflow.name}`,
    eventTypes: options.eventTypes,
    logger,
    ...(options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    prepare: async (stored) => {
      await readModels.ensureCollections([{ name: collection }]);
      return stored?.position ?? 0;
    },
    handle: async (batch) => {
      const view = new PendingWrites(readModels);
      for (const event of batch) {
        const input = options.toInput(event);
        if (input === undefined) continue;
        const { correlationId, eventId, traceparent } = event.metadata;
        await withLogContext({ correlationId, causationId: eventId, ...(traceparent ? { traceparent } : {}) }, async () => {
          const instance = workflow.instanceOf(input);
          const state = (await view.get<InstanceDoc<S>>(collection, instance))?.state ?? workflow.initialState();
          const outputs = workflow.decide(input, state);
          for (const [index, output] of outputs.entries()) await dispatchOne(output, event, index, instance);
          view.put<InstanceDoc<S>>(collection, { id: instance, state: workflow.evolve(state, input), position: event.metadata.globalPosition });
        });
      }
      return view.ops();
    },
  });
}
