import type { CommandContext, Query } from '@rapport/platform-eventsourcing';
import { addDays, addMonths, type AutoAssignment } from '@rapport/customers-domain';
import { stepOf, type CustomerCommands } from '../customer-commands';
import type { DirectoryCopy } from '../directory-copy/directory-copy';
import { CUSTOMER_CARDS, type CustomerCard } from '../read-models/customer-card.model';
import type { ReassignmentService } from '../reclaim-customer/reassignment.service';

export interface SweepOptions {
  /** Reassign customers that became reclaimable by this policy (C4); otherwise a manager decides. */
  readonly autoAssign?: AutoAssignment;
  readonly candidates?: readonly string[];
}

export interface SweepReport {
  readonly asOf: string;
  readonly reviewed: number;
  readonly changed: number;
  readonly warned: readonly string[];
  readonly becameReclaimable: readonly string[];
  readonly reassigned: readonly { readonly customerId: string; readonly from: string; readonly to: string }[];
  readonly policyVersion: string;
}

const PAGE = 500;

/**
 * Until the scheduler owns durable timers (S2), time-driven changes happen here: reclaim warnings and
 * reclaimability (C4), stages that time moves (new buyer → long-standing, → lapsed, won back expiring; C6),
 * and share of wallet as purchases leave the window (C12). Candidates come from the card read model;
 * the decider then decides against each stream, so a stale candidate costs a read, never a wrong event.
 */
export class SweepService {
  constructor(
    private readonly commands: CustomerCommands,
    private readonly reassignment: ReassignmentService,
    private readonly directory: DirectoryCopy,
  ) {}

  candidatesQuery(now: Date, includeReclaimable = false, ownersWhoLeft: readonly string[] = []): Query {
    const p = this.commands.policy;
    const at = now.toISOString();
    const life = p.lifecycle;
    return {
      where: { status: 'active' },
      anyOf: [
        { reclaimStatus: { in: ['ok', 'warned'] }, reclaimBasisAt: { lte: addDays(at, -(p.reclaim.afterDays - p.reclaim.warnDaysBefore)) } },
        { stage: 'new-buyer', firstPurchaseAt: { lte: addMonths(at, -life.newBuyerMonths) } },
        { stage: { in: ['new-buyer', 'long-standing', 'won-back'] }, lastPurchaseAt: { lte: addMonths(at, -life.lapsedAfterMonths) } },
        { stage: 'won-back', stageSince: { lte: addMonths(at, -life.wonBackMonths) } },
        { hasWalletEstimate: true, firstPurchaseAt: { lte: addMonths(at, -p.wallet.windowMonths) } },
        // With auto-assignment on, customers left reclaimable by earlier sweeps are reassigned too.
        ...(includeReclaimable ? [{ reclaimStatus: 'reclaimable' }] : []),
        // D2: so are the customers of people who left, at once.
        ...(includeReclaimable && ownersWhoLeft.length > 0 ? [{ ownerId: { in: [...ownersWhoLeft] } }] : []),
      ],
      orderBy: [{ field: 'reclaimBasisAt' }],
    };
  }

  async sweep(context: CommandContext, options: SweepOptions = {}): Promise<SweepReport> {
    const left = new Map(options.autoAssign ? (await this.directory.inactive()).map((p) => [p.id, p.deactivationReason]) : []);
    const query = this.candidatesQuery(context.now, options.autoAssign !== undefined, [...left.keys()]);
    const ids: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.commands.host.readModels.find<CustomerCard>(CUSTOMER_CARDS, { ...query, limit: PAGE, offset });
      ids.push(...page.map((c) => c.id));
      if (page.length < PAGE) break;
    }
    const warned: string[] = [];
    const reclaimable: string[] = [];
    const reassigned: { customerId: string; from: string; to: string }[] = [];
    let changed = 0;
    for (const id of ids) {
      const result = await this.commands.execute(id, { type: 'review-customer' }, stepOf(context, `review:${id}`));
      if (result.events.length > 0) changed += 1;
      const types = result.events.map((e) => e.type);
      if (types.includes('customers.reclaim-warning-issued.v1')) warned.push(id);
      if (types.includes('customers.customer-became-reclaimable.v1')) reclaimable.push(id);
      if (options.autoAssign && result.state.status === 'active' && (result.state.reclaim === 'reclaimable' || left.has(result.state.ownerId))) {
        const from = result.state.ownerId;
        const reason = left.has(from)
          ? `D2: owner ${from} left (${left.get(from) ?? 'deactivated in the directory'}) (sweep)`
          : `no owner contact for ${this.commands.policy.reclaim.afterDays} days (sweep)`;
        const done = await this.reassignment.reclaim(id, { assignment: options.autoAssign, ...(options.candidates ? { candidates: options.candidates } : {}), reason }, stepOf(context, `reclaim:${id}`));
        if (done.state.status === 'active') reassigned.push({ customerId: id, from, to: done.state.ownerId });
      }
    }
    const last = await this.commands.host.events.headPosition();
    await this.commands.settled(last);
    return { asOf: context.now.toISOString(), reviewed: ids.length, changed, warned, becameReclaimable: reclaimable, reassigned, policyVersion: this.commands.policy.version };
  }
}
