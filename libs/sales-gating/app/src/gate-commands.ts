import { CommandHandler, toDomainEvent, type CommandContext, type EventStore, type HandleResult, type RecordedEvent } from '@rapport/platform-eventsourcing';
import {
  evolvePolicy,
  gateDecider,
  gateStreamId,
  initialPolicyState,
  POLICY_STREAM_ID,
  policyDecider,
  type GateCommand,
  type GateEvent,
  type GateFact,
  type GatePolicy,
  type GateState,
  type PolicyPut,
  type PolicyState,
  type RecordQuote,
  type RecordSalesAttempt,
  type PutPolicy,
} from '@rapport/sales-gating-domain';
import { countGateDecisions } from './gate-metrics';

type WithoutPolicy<C> = Omit<C, 'type' | 'customerId' | 'policy' | 'now'>;

/**
 * Runs the gate decider on `gate-<customerId>` and the policy decider on `gating-policy`. The policy in force
 * is read (its tail) on every command, so each instance decides under the version last put, and each event
 * records it. A command id seen before is a redelivery or a retry: nothing is done again.
 */
export class GateCommands {
  private readonly gates: CommandHandler<GateCommand, GateEvent, GateState>;
  private readonly policies: CommandHandler<PutPolicy, PolicyPut, PolicyState>;
  private policy: { version: number; state: PolicyState } = { version: 0, state: initialPolicyState() };

  constructor(private readonly events: EventStore) {
    this.gates = new CommandHandler(events, gateDecider, { maxRetries: 5, cachedStreams: 50_000 });
    this.policies = new CommandHandler(events, policyDecider);
  }

  async policyState(): Promise<PolicyState> {
    const tail = await this.events.readStream<PolicyPut>(POLICY_STREAM_ID, { fromVersion: this.policy.version + 1 });
    if (tail.length > 0) {
      let state = this.policy.state;
      for (const event of tail) state = evolvePolicy(state, toDomainEvent(event));
      this.policy = { version: this.policy.version + tail.length, state };
    }
    return this.policy.state;
  }

  async currentPolicy(): Promise<GatePolicy> {
    return (await this.policyState()).current;
  }

  noteFact(customerId: string, sourceEventId: string, fact: GateFact, context: CommandContext): Promise<HandleResult<GateEvent, GateState>> {
    return this.run(customerId, (policy) => ({ type: 'note-fact', customerId, sourceEventId, fact, policy, now: context.now }), context);
  }

  recordSalesAttempt(customerId: string, body: WithoutPolicy<RecordSalesAttempt>, context: CommandContext): Promise<HandleResult<GateEvent, GateState>> {
    return this.run(customerId, (policy) => ({ type: 'record-sales-attempt', customerId, ...body, policy, now: context.now }), context);
  }

  recordQuote(customerId: string, body: WithoutPolicy<RecordQuote>, context: CommandContext): Promise<HandleResult<GateEvent, GateState>> {
    return this.run(customerId, () => ({ type: 'record-quote', customerId, ...body, now: context.now }), context);
  }

  alertFixFirst(customerId: string, gateEventId: string, managerId: string | null, context: CommandContext): Promise<HandleResult<GateEvent, GateState>> {
    return this.gates.handle(gateStreamId(customerId), { type: 'alert-fix-first', customerId, gateEventId, managerId, now: context.now }, context, 'any');
  }

  reEvaluate(customerId: string, policy: GatePolicy, context: CommandContext): Promise<HandleResult<GateEvent, GateState>> {
    return this.gates.handle(gateStreamId(customerId), { type: 're-evaluate', customerId, policy, now: context.now }, context, 'any').then(countGateDecisions);
  }

  async putPolicy(policy: GatePolicy, putBy: string, reason: string, context: CommandContext): Promise<readonly RecordedEvent<PolicyPut>[]> {
    const result = await this.policies.handle(POLICY_STREAM_ID, { type: 'put-policy', policy, putBy, reason, now: context.now }, context, 'any');
    return result.events;
  }

  private async run(customerId: string, command: (policy: GatePolicy) => GateCommand, context: CommandContext): Promise<HandleResult<GateEvent, GateState>> {
    const policy = await this.currentPolicy();
    return countGateDecisions(await this.gates.handle(gateStreamId(customerId), command(policy), context, 'any'));
  }
}
