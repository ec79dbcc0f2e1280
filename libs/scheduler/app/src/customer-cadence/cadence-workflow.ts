import { ConcurrencyError, appendContextOf, decidedAppends, observedCommand, type CommandContext, type DecidedStream, type EventStore } from '@rapport/platform-eventsourcing';
import { cadenceDecider, cadenceStreamId, timerDecider, timerStreamId, type CadenceCommand, type CadenceEvent, type CadencePolicy, type CadenceState } from '@rapport/scheduler-domain';
import { StreamStateCache } from '../stream-state-cache';
import type { TimerCommands } from '../timer-commands';
import { cadenceTimerCommands } from './cadence-timers';

const MAX_RETRIES = 5;

/**
 * Runs the cadence workflow of one customer: the cadence decider on `cadence-<id>`, then the timer decider on
 * the customer's two timers with what the new state wants scheduled — all in one multi-stream append, so a
 * fact is never noted without its timers moving (and the other way round). A command id seen before is a
 * redelivery: nothing is done again.
 */
export class CadenceWorkflow {
  private readonly cadences: StreamStateCache<CadenceEvent, CadenceState>;

  constructor(
    private readonly events: EventStore,
    readonly policy: CadencePolicy,
    private readonly timers: TimerCommands,
  ) {
    this.cadences = new StreamStateCache(events, cadenceDecider);
  }

  async handle(command: CadenceCommand, context: CommandContext): Promise<{ position: number }> {
    return observedCommand(this.events, command.type, () => this.handleOnce(command, context), (r) => (r.position === 0 ? 'unchanged' : 'accepted'));
  }

  private async handleOnce(command: CadenceCommand, context: CommandContext): Promise<{ position: number }> {
    if (await this.events.findCommand(context.commandId)) return { position: 0 };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.decideAndAppend(command, context);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_RETRIES) throw error;
      }
    }
  }

  private async decideAndAppend(command: CadenceCommand, context: CommandContext): Promise<{ position: number }> {
    const streamId = cadenceStreamId(command.customerId);
    const { state, version } = await this.cadences.load(streamId);
    const events = cadenceDecider.decide(command, state);
    if (events.length === 0) return { position: 0 };
    const after = events.reduce(cadenceDecider.evolve, state);
    const decided: DecidedStream[] = [{ streamId, version, events }];
    for (const timerCommand of cadenceTimerCommands(command.customerId, after, this.policy, context.now)) {
      const timer = await this.timers.state(timerCommand.timerId);
      const timerEvents = timerDecider.decide(timerCommand, timer.state);
      if (timerEvents.length > 0) decided.push({ streamId: timerStreamId(timerCommand.timerId), version: timer.version, events: timerEvents });
    }
    const result = await this.events.appendMany(decidedAppends(decided, context.commandId), { context: appendContextOf(context) });
    return { position: result.lastPosition };
  }
}
