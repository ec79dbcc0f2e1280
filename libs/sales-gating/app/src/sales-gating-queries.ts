import type { Clock, ReadModelStore } from '@rapport/platform-eventsourcing';
import { checkPitch, initialGateState, lastQuotes, pressureCounts, type GatePolicy, type GateState, type PitchAnswer, type PitchQuestion, type PressureCounts } from '@rapport/sales-gating-domain';
import { GATES, type GateDoc, type NpsBand, type ShareBand } from './read-models/gates.projection';

export interface GateMap {
  readonly asOf: string;
  readonly byStatus: Readonly<Record<string, number>>;
  /** G3: customers per NPS band × share-of-wallet band. */
  readonly cells: readonly { readonly nps: NpsBand; readonly share: ShareBand; readonly customers: number }[];
}

const CHUNK = 500;

/** Gating's queries, from the gates read model: the checks (single and batch read the same way), lists and the map. */
export class SalesGatingQueries {
  constructor(
    private readonly store: ReadModelStore,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  gate(customerId: string): Promise<GateDoc | undefined> {
    return this.store.get<GateDoc>(GATES, customerId);
  }

  /** The states of many customers in the order asked (unknown ones as the initial state), read in chunks. */
  async states(customerIds: readonly string[]): Promise<GateState[]> {
    const found = new Map<string, GateState>();
    const unique = [...new Set(customerIds)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      for (const doc of await this.store.find<GateDoc>(GATES, { where: { id: { in: unique.slice(i, i + CHUNK) } } })) found.set(doc.id, doc.state);
    }
    return customerIds.map((id) => found.get(id) ?? initialGateState());
  }

  /** G1–G6: the same pure check for one question or 10,000, at one instant. */
  async check(questions: readonly (Omit<PitchQuestion, 'now'> & { readonly customerId: string })[], policy: GatePolicy): Promise<PitchAnswer[]> {
    const now = this.clock.now();
    const states = await this.states(questions.map((q) => q.customerId));
    return questions.map((q, i) => checkPitch(states[i]!, policy, { repId: q.repId, product: q.product ?? null, customerAsked: q.customerAsked ?? false, now }));
  }

  ledger(state: GateState): { counts: PressureCounts; entries: GateState['ledger']; quotes: ReturnType<typeof lastQuotes>; allQuotes: GateState['quotes'] } {
    return { counts: pressureCounts(state, this.clock.now()), entries: state.ledger, quotes: lastQuotes(state), allQuotes: state.quotes };
  }

  targets(ownerId: string, limit = 1_000): Promise<GateDoc[]> {
    return this.store.find<GateDoc>(GATES, { where: { ownerId, status: 'TARGET', closed: false }, orderBy: [{ field: 'id' }], limit });
  }

  holds(ownerId: string | undefined, limit = 1_000): Promise<GateDoc[]> {
    return this.store.find<GateDoc>(GATES, { where: { status: { in: ['HOLD', 'FIX_FIRST'] }, closed: false, ...(ownerId ? { ownerId } : {}) }, orderBy: [{ field: 'id' }], limit });
  }

  async customerIds(after: string | undefined, limit: number): Promise<string[]> {
    const docs = await this.store.find<GateDoc>(GATES, { where: { closed: false, ...(after ? { id: { gt: after } } : {}) }, orderBy: [{ field: 'id' }], limit });
    return docs.map((d) => d.id);
  }

  async map(): Promise<GateMap> {
    const statuses = ['OPEN', 'HOLD', 'FIX_FIRST', 'TARGET', 'NURTURE'] as const;
    const byStatus: Record<string, number> = {};
    for (const status of statuses) byStatus[status] = await this.store.count(GATES, { where: { status, closed: false } });
    const cells: { nps: NpsBand; share: ShareBand; customers: number }[] = [];
    for (const nps of ['detractor', 'passive', 'promoter', 'none'] as const) {
      for (const share of ['low', 'high', 'unknown'] as const) cells.push({ nps, share, customers: await this.store.count(GATES, { where: { npsBand: nps, shareBand: share, closed: false } }) });
    }
    return { asOf: this.clock.now().toISOString(), byStatus, cells };
  }
}
