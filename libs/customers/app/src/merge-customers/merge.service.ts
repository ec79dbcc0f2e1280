import { DomainError, nameBasedUuid, notFound, type CommandContext } from '@rapport/platform-eventsourcing';
import {
  requireActive,
  requireManager,
  summarizeForMerge,
  violation,
  type CardField,
  type CustomerRecord,
} from '@rapport/customers-domain';
import type { ContactKeyRegistry } from '../contact-key-registry';
import { actorOf, stepOf, type CustomerCommands, type CustomerResult } from '../customer-commands';

export interface MergeRequest {
  readonly survivorId: string;
  readonly mergedId: string;
  readonly fieldWinners: Readonly<Partial<Record<CardField, 'survivor' | 'merged'>>>;
  readonly reason: string;
}

/**
 * C2 across three kinds of stream: freeze the duplicate (so its history stops moving), let the survivor
 * absorb a summary of it, then re-point the duplicate's phone/email keys to the survivor. Each step has a
 * command id derived from the request's, so retrying an interrupted merge with the same Idempotency-Key
 * completes it; if the survivor refuses, the duplicate is unfrozen again.
 */
export class MergeService {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly registry: ContactKeyRegistry,
  ) {}

  async merge(request: MergeRequest, context: CommandContext): Promise<{ mergeId: string; survivor: CustomerResult }> {
    const actor = actorOf(context);
    requireManager(actor, 'C2', 'merge customers');
    if (request.survivorId === request.mergedId) throw violation('C2', 'merge-into-itself', 'a customer cannot be merged into itself');
    const survivor = await this.record(request.survivorId);
    requireActive(survivor);
    const mergeId = nameBasedUuid(`${context.commandId}/merge`);

    await this.commands.execute(
      request.mergedId,
      { type: 'mark-merged-into', survivorId: request.survivorId, mergeId, reason: request.reason },
      stepOf(context, 'freeze'),
    );
    // A replayed freeze (a retried request) reports the state of back then: make sure it still holds.
    const merged = await this.record(request.mergedId);
    if (merged.status !== 'merged' || merged.mergedInto?.mergeId !== mergeId) {
      throw new DomainError('conflict', 'merge-abandoned', `merge ${mergeId} was undone meanwhile; send it again with a new Idempotency-Key`, 'C2');
    }
    let absorbed: CustomerResult;
    try {
      absorbed = await this.commands.execute(
        request.survivorId,
        { type: 'absorb-customer', mergeId, merged: summarizeForMerge(merged, mergeId), mergedCard: merged.card, fieldWinners: request.fieldWinners, reason: request.reason },
        stepOf(context, 'absorb'),
      );
    } catch (error) {
      await this.commands.execute(
        request.mergedId,
        { type: 'unmerge-customer', survivorId: request.survivorId, mergeId, reason: 'merge refused by the survivor' },
        stepOf(context, 'unfreeze'),
      );
      throw error;
    }
    const keys = summarizeForMerge(merged, mergeId).contactKeys;
    await this.registry.repointAll(keys, request.mergedId, request.survivorId, mergeId, stepOf(context, 'keys'));
    return { mergeId, survivor: absorbed };
  }

  /** Reverses a merge: the survivor gives the summary back, the duplicate thaws, its keys point to it again. */
  async unmerge(survivorId: string, mergedId: string, reason: string, context: CommandContext): Promise<{ mergeId: string; survivor: CustomerResult }> {
    requireManager(actorOf(context), 'C2', 'unmerge customers');
    const survivor = requireActive(await this.record(survivorId));
    const entry = survivor.absorbed.find((a) => a.customerId === mergedId);
    if (!entry) throw violation('C2', 'not-merged', `customer ${mergedId} is not merged into ${survivorId}`);
    const undone = await this.commands.execute(survivorId, { type: 'undo-merge', mergedCustomerId: mergedId, reason }, stepOf(context, 'undo'));
    await this.commands.execute(mergedId, { type: 'unmerge-customer', survivorId, mergeId: entry.mergeId, reason }, stepOf(context, 'thaw'));
    await this.registry.repointAll(entry.contactKeys, survivorId, mergedId, entry.mergeId, stepOf(context, 'keys'));
    return { mergeId: entry.mergeId, survivor: undone };
  }

  private async record(customerId: string): Promise<CustomerRecord> {
    const state = await this.commands.state(customerId);
    if (state.status === 'unregistered') throw notFound('customer', customerId);
    return state;
  }
}
