import { DomainError, notFound, type CommandContext } from '@rapport/platform-eventsourcing';
import { pickAssignee, type Assignment, type AutoAssignment, type Candidate } from '@rapport/customers-domain';
import type { CustomerCommands, CustomerResult } from '../customer-commands';
import { AUTO_ASSIGNMENTS, REP_LOADS, type AutoAssignmentRecord, type RepLoad } from '../read-models/customer-card.model';

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
  constructor(private readonly commands: CustomerCommands) {}

  async reclaim(customerId: string, request: Reassignment, context: CommandContext): Promise<CustomerResult> {
    const toOwnerId = request.assignment === 'manager' ? request.toOwnerId! : await this.pick(customerId, request.assignment, request.candidates);
    const result = await this.commands.execute(customerId, { type: 'reclaim-customer', toOwnerId, assignment: request.assignment, reason: request.reason }, context);
    // The next pick (a sweep reassigns many) must see this one in the loads, or every customer goes to one rep.
    await this.commands.settled(result.events.at(-1)?.metadata.globalPosition ?? 0);
    return result;
  }

  private async pick(customerId: string, policy: AutoAssignment, names: readonly string[] | undefined): Promise<string> {
    const state = await this.commands.state(customerId);
    if (state.status === 'unregistered') throw notFound('customer', customerId);
    const readModels = this.commands.host.readModels;
    const loads = await readModels.find<RepLoad>(REP_LOADS);
    const owned = new Map(loads.map((l) => [l.id, l.owned]));
    const pool = names ?? loads.filter((l) => l.owned > 0).map((l) => l.id);
    const rotations = await readModels.find<AutoAssignmentRecord>(AUTO_ASSIGNMENTS, { where: { id: { in: [...pool] } } });
    const last = new Map(rotations.map((r) => [r.id, r.lastAssignedAt]));
    const candidates: Candidate[] = pool.map((repId) => ({ repId, ownedCount: owned.get(repId) ?? 0, lastAssignedAt: last.get(repId) ?? null }));
    const chosen = pickAssignee(policy, candidates, state.ownerId);
    if (!chosen) throw new DomainError('rule_violation', 'no-candidate', 'no rep other than the current owner to assign the customer to', 'C4');
    return chosen;
  }
}
