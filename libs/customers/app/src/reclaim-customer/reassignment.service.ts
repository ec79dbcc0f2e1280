import { DomainError, notFound, type CommandContext } from '@rapport/platform-eventsourcing';
import { addDays, pickAssignee, type Assignment, type AutoAssignment, type Candidate } from '@rapport/customers-domain';
import type { CustomerCommands, CustomerResult } from '../customer-commands';
import type { DirectoryCopy } from '../directory-copy/directory-copy';
import { AUTO_ASSIGNMENTS, CUSTOMER_CARDS, REP_LOADS, type AutoAssignmentRecord, type CustomerCard, type RepLoad } from '../read-models/customer-card.model';

export interface Reassignment {
  readonly assignment: Assignment;
  /** For `manager`. */
  readonly toOwnerId?: string;
  /** For the auto policies; default: every rep who owns customers. */
  readonly candidates?: readonly string[];
  readonly reason: string;
}

/**
 * C4: reassigns a reclaimable customer, to the rep a manager names or to the one the auto-assignment
 * policy picks. The facts the policy weighs (owned counts, last rotation) come from read models: a
 * moment's staleness only makes the pick slightly less fair, never breaks a rule, which the decider
 * re-checks against the stream (still reclaimable, a manager acting).
 */
export class ReassignmentService {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly directory: DirectoryCopy,
  ) {}

  async reclaim(customerId: string, request: Reassignment, context: CommandContext): Promise<CustomerResult> {
    const toOwnerId = request.assignment === 'manager' ? request.toOwnerId! : await this.pick(customerId, request.assignment, request.candidates, context.now);
    // D1: the assignee's standing goes in the command (the auto policies pick only active people); D2: an owner who left is not waited for.
    const toOwnerStanding = await this.directory.effectiveStanding(toOwnerId);
    const deactivatedOwnerId = await this.ownerWhoLeft(customerId);
    const body = { type: 'reclaim-customer' as const, toOwnerId, assignment: request.assignment, reason: request.reason, toOwnerStanding, ...(deactivatedOwnerId ? { deactivatedOwnerId } : {}) };
    const result = await this.commands.execute(customerId, body, context);
    // The next pick (a sweep reassigns many) must see this one in the loads, or every customer goes to one rep.
    await this.commands.settled(result.events.at(-1)?.metadata.globalPosition ?? 0);
    return result;
  }

  private async pick(customerId: string, policy: AutoAssignment, names: readonly string[] | undefined, now: Date): Promise<string> {
    const state = await this.commands.state(customerId);
    if (state.status === 'unregistered') throw notFound('customer', customerId);
    const readModels = this.commands.host.readModels;
    const loads = await readModels.find<RepLoad>(REP_LOADS);
    const owned = new Map(loads.map((l) => [l.id, l.owned]));
    const pool = await this.directory.activeAmong(names ?? loads.filter((l) => l.owned > 0).map((l) => l.id));
    const rotations = await readModels.find<AutoAssignmentRecord>(AUTO_ASSIGNMENTS, { where: { id: { in: [...pool] } } });
    const last = new Map(rotations.map((r) => [r.id, r]));
    // C4: a rep with reclaimable customers of their own is not spare capacity. Reclaimable by the clock, not
    // only as announced: a sweep announces one customer at a time, and the neglecter's turn may come later.
    const cutoff = addDays(now.toISOString(), -this.commands.policy.reclaim.afterDays);
    const neglected = await readModels.find<CustomerCard>(CUSTOMER_CARDS, { where: { status: 'active', ownerId: { in: [...pool] }, reclaimBasisAt: { lte: cutoff } } });
    const neglectedBy = new Map<string, number>();
    for (const card of neglected) neglectedBy.set(card.ownerId, (neglectedBy.get(card.ownerId) ?? 0) + 1);
    const candidates: Candidate[] = pool.map((repId) => ({
      repId,
      ownedCount: owned.get(repId) ?? 0,
      neglectedCount: neglectedBy.get(repId) ?? 0,
      lastAssignedAt: last.get(repId)?.lastAssignedAt ?? null,
      lastAssignedSeq: last.get(repId)?.lastAssignedSeq ?? null,
    }));
    const chosen = pickAssignee(policy, candidates, state.ownerId);
    if (!chosen) throw new DomainError('rule_violation', 'no-candidate', 'no rep other than the current owner to assign the customer to', 'C4');
    return chosen;
  }

  /** D2: the customer's owner, if the directory copy says they left. */
  private async ownerWhoLeft(customerId: string): Promise<string | undefined> {
    const state = await this.commands.state(customerId);
    if (state.status === 'unregistered') return undefined;
    return (await this.directory.standing(state.ownerId)) === 'inactive' ? state.ownerId : undefined;
  }
}
