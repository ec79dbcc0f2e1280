import {
  CommandHandler,
  ConcurrencyError,
  DomainError,
  EventIdConflictError,
  appendContextOf,
  failureOutcomeOf,
  reportCommand,
  decidedAppends,
  type CommandContext,
  type DecidedStream,
  type EventStore,
  type HandleResult,
} from '@rapport/platform-eventsourcing';
import { StreamStateCache } from './stream-state-cache';
import { fireCommandId, timerDecider, timerStreamId, type TimerCommand, type TimerEvent, type TimerState } from '@rapport/scheduler-domain';

export type TimerResult = HandleResult<TimerEvent, TimerState>;

/** A timer due for firing, as the index lists it. */
export interface DueTimer {
  readonly timerId: string;
  readonly dueAt: string;
}

export interface FiringOutcome {
  readonly fired: readonly DueTimer[];
  /** Refused by the decider (already fired, moved, cancelled): no effect, as S3 wants. */
  readonly refused: number;
  /** The store's position after the firings (0 when nothing was written). */
  readonly position: number;
}

/** Runs timer commands: the timer decider on the scheduler's event store, one stream per timer. */
export class TimerCommands {
  private readonly handler: CommandHandler<TimerCommand, TimerEvent, TimerState>;
  private readonly states: StreamStateCache<TimerEvent, TimerState>;

  constructor(readonly events: EventStore) {
    this.handler = new CommandHandler(events, timerDecider);
    this.states = new StreamStateCache(events, timerDecider);
  }

  execute(command: TimerCommand, context: CommandContext): Promise<TimerResult> {
    return this.handler.handle(timerStreamId(command.timerId), command, context, 'any');
  }

  /** The timer's state and version, from the cache plus whatever was appended since. */
  state(timerId: string): Promise<{ state: TimerState; version: number }> {
    return this.states.load(timerStreamId(timerId));
  }

  /**
   * S3: fires a batch of due timers in one atomic multi-stream append, each against the version its decision
   * was made on; the event ids come from each firing's command id (timer id + due time), so a batch retried
   * after a crash is recognised. A concurrent change to one of them (moved, cancelled, fired by another
   * instance) sends the batch through one timer at a time, where the decider refuses what must not fire.
   */
  async fireBatch(due: readonly DueTimer[], context: (timer: DueTimer) => CommandContext): Promise<FiringOutcome> {
    const decided: (DecidedStream & { timer: DueTimer })[] = [];
    let refused = 0;
    for (const timer of due) {
      const { state, version } = await this.state(timer.timerId);
      try {
        const ctx = context(timer);
        const events = timerDecider.decide({ type: 'fire-timer', timerId: timer.timerId, dueAt: timer.dueAt, now: ctx.now }, state);
        decided.push({ streamId: timerStreamId(timer.timerId), version, events, timer });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        reportCommand({ store: this.events, command: 'fire-timer', outcome: failureOutcomeOf(error) });
        refused += 1;
      }
    }
    if (decided.length === 0) return { fired: [], refused, position: 0 };
    const first = context(decided[0]!.timer);
    try {
      const appends = decided.flatMap((d) => decidedAppends([d], fireCommandId(d.timer.timerId, d.timer.dueAt)));
      const batchId = `${fireCommandId(decided[0]!.timer.timerId, decided[0]!.timer.dueAt)}+${decided.length - 1}`;
      const result = await this.events.appendMany(appends, { context: { ...appendContextOf(first), commandId: batchId } });
      for (let i = 0; i < decided.length; i++) reportCommand({ store: this.events, command: 'fire-timer', outcome: result.duplicate ? 'duplicate' : 'accepted' });
      return { fired: decided.map((d) => d.timer), refused, position: result.lastPosition };
    } catch (error) {
      if (!(error instanceof ConcurrencyError || error instanceof EventIdConflictError)) throw error;
      return this.fireOneByOne(decided.map((d) => d.timer), refused, context);
    }
  }

  private async fireOneByOne(due: readonly DueTimer[], refusedBefore: number, context: (timer: DueTimer) => CommandContext): Promise<FiringOutcome> {
    const fired: DueTimer[] = [];
    let refused = refusedBefore;
    let position = 0;
    for (const timer of due) {
      try {
        const result = await this.execute({ type: 'fire-timer', timerId: timer.timerId, dueAt: timer.dueAt, now: context(timer).now }, context(timer));
        if (!result.duplicate && result.events.length > 0) fired.push(timer);
        position = Math.max(position, result.events.at(-1)?.metadata.globalPosition ?? 0);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused += 1;
      }
    }
    return { fired, refused, position };
  }
}
