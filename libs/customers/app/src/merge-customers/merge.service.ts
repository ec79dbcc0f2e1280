import {
  appendContextOf,
  ConcurrencyError,
  decidedAppends,
  fold,
  nameBasedUuid,
  observedCommand,
  notFound,
  toDomainEvent,
  type CommandContext,
  type DecidedStream,
  type RecordedEvent,
} from '@rapport/platform-eventsourcing';
import {
  createCustomerDecider,
  customerStreamId,
  decideMergePair,
  decideUnmergePair,
  requireManager,
  summarizeForMerge,
  violation,
  type CardField,
  type CustomerEvent,
  type CustomerState,
  type PairEvents,
} from '@rapport/customers-domain';
import type { ContactKeyRegistry } from '../contact-key-registry';
import { actorOf, type CustomerCommands, type CustomerResult } from '../customer-commands';

export interface MergeRequest {
  readonly survivorId: string;
  readonly mergedId: string;
  readonly fieldWinners: Readonly<Partial<Record<CardField, 'survivor' | 'merged'>>>;
  readonly reason: string;
}

/** A customer stream as read for a decision. */
interface Read {
  readonly streamId: string;
  readonly history: readonly RecordedEvent<CustomerEvent>[];
  readonly state: CustomerState;
}

/** How often a merge is re-decided after a concurrent write to one of its streams. */
const MAX_ATTEMPTS = 4;

/**
 * C2 in one commit: the survivor's, the duplicate's and the duplicate's contact keys' events are decided
 * together from their current states (a pure decision, `decideMergePair`) and appended in one multi-stream
 * append with every stream's expected version. A refused merge writes nothing anywhere; a concurrent change
 * to any of the streams makes it re-read and re-decide. A retried request (same command id) replays.
 */
export class MergeService {
  private readonly decider: ReturnType<typeof createCustomerDecider>;

  constructor(
    private readonly commands: CustomerCommands,
    private readonly registry: ContactKeyRegistry,
  ) {
    this.decider = createCustomerDecider(commands.policy);
  }

  async merge(request: MergeRequest, context: CommandContext): Promise<{ mergeId: string; survivor: CustomerResult }> {
    return observedCommand(this.commands.host.events, 'merge-customers', () => this.mergeOnce(request, context), (r) => (r.survivor.duplicate ? 'duplicate' : 'accepted'));
  }

  private async mergeOnce(request: MergeRequest, context: CommandContext): Promise<{ mergeId: string; survivor: CustomerResult }> {
    const actor = actorOf(context);
    requireManager(actor, 'C2', 'merge customers');
    if (request.survivorId === request.mergedId) throw violation('C2', 'merge-into-itself', 'a customer cannot be merged into itself');
    const mergeId = nameBasedUuid(`${context.commandId}/merge`);
    const survivor = await this.commit(request.survivorId, context, async () => {
      const [s, m] = await Promise.all([this.read(request.survivorId), this.read(request.mergedId)]);
      const decided = decideMergePair(this.decider, { mergeId, fieldWinners: request.fieldWinners, reason: request.reason, actor, now: context.now }, s.state, m.state);
      const keys = m.state.status === 'unregistered' ? [] : summarizeForMerge(m.state, mergeId).contactKeys;
      return [...this.pair(s, m, decided), ...this.registry.repoints(await this.registry.read(keys), request.mergedId, request.survivorId, mergeId, context)];
    });
    return { mergeId, survivor };
  }

  /** Reverses a merge: the survivor gives the summary back, the duplicate thaws, its keys point to it again; one commit. */
  async unmerge(survivorId: string, mergedId: string, reason: string, context: CommandContext): Promise<{ mergeId: string; survivor: CustomerResult }> {
    return observedCommand(this.commands.host.events, 'unmerge-customers', () => this.unmergeOnce(survivorId, mergedId, reason, context), (r) => (r.survivor.duplicate ? 'duplicate' : 'accepted'));
  }

  private async unmergeOnce(survivorId: string, mergedId: string, reason: string, context: CommandContext): Promise<{ mergeId: string; survivor: CustomerResult }> {
    const actor = actorOf(context);
    requireManager(actor, 'C2', 'unmerge customers');
    let mergeId = '';
    const survivor = await this.commit(survivorId, context, async () => {
      const [s, m] = await Promise.all([this.read(survivorId), this.read(mergedId)]);
      const decided = decideUnmergePair(this.decider, { mergedCustomerId: mergedId, reason, actor, now: context.now }, s.state, m.state);
      mergeId = decided.merge.mergeId;
      return [...this.pair(s, m, decided), ...this.registry.repoints(await this.registry.read(decided.merge.contactKeys), survivorId, mergedId, mergeId, context)];
    });
    if (!mergeId) mergeId = this.mergeIdOf(survivor.events);
    return { mergeId, survivor };
  }

  /** Decide (re-reading each time) and append in one multi-stream append; then answer the survivor's part. */
  private async commit(survivorId: string, context: CommandContext, decide: () => Promise<DecidedStream[]>): Promise<CustomerResult> {
    const store = this.commands.host.events;
    for (let tries = 1; ; tries++) {
      if (await store.findCommand(context.commandId)) return this.survivorResult(survivorId, context, true);
      const appends = decidedAppends(await decide(), context.commandId);
      try {
        const result = await store.appendMany(appends, { context: appendContextOf(context) });
        return this.survivorResult(survivorId, context, result.duplicate);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || tries >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private pair(survivor: Read, merged: Read, decided: PairEvents): DecidedStream[] {
    return [
      { streamId: survivor.streamId, version: survivor.history.length, events: decided.survivor },
      { streamId: merged.streamId, version: merged.history.length, events: decided.merged },
    ];
  }

  private async survivorResult(survivorId: string, context: CommandContext, duplicate: boolean): Promise<CustomerResult> {
    const { history, state } = await this.read(survivorId);
    return {
      events: history.filter((e) => e.metadata.commandId === context.commandId),
      state,
      streamVersion: history.length,
      duplicate,
    };
  }

  private mergeIdOf(events: readonly RecordedEvent<CustomerEvent>[]): string {
    for (const e of events.map(toDomainEvent)) if (e.type === 'customers.merge-undone.v1') return e.data.mergeId;
    return '';
  }

  /** A customer stream that must exist (404 otherwise). */
  private async read(customerId: string): Promise<Read> {
    const streamId = customerStreamId(customerId);
    const history = await this.commands.host.events.readStream<CustomerEvent>(streamId);
    const state = fold(this.decider, history.map(toDomainEvent));
    if (state.status === 'unregistered') throw notFound('customer', customerId);
    return { streamId, history, state };
  }
}
