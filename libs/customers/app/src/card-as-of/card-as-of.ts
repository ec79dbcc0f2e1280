import type { Document, EventStore, ProjectionView, RecordedEvent } from '@rapport/platform-eventsourcing';
import { customerStreamId, type CustomerEvent } from '@rapport/customers-domain';
import { customerCardProjection } from '../read-models/customer-card.projection';
import { CUSTOMER_CARDS, type CustomerCard } from '../read-models/customer-card.model';

/** A projection view held in memory: the card projection replayed for one customer, off the live read models. */
class MemoryView implements ProjectionView {
  private readonly docs = new Map<string, Document>();
  async get<T extends Document>(collection: string, id: string): Promise<T | undefined> {
    return this.docs.get(`${collection}/${id}`) as T | undefined;
  }
  put<T extends Document>(collection: string, doc: T): void {
    this.docs.set(`${collection}/${doc.id}`, doc);
  }
  delete(collection: string, id: string): void {
    this.docs.delete(`${collection}/${id}`);
  }
}

export interface CardAsOf {
  readonly customerId: string;
  /** The instant asked about. */
  readonly asOf: string;
  /** The customers store's global position the answer stands at: its last event at or before the instant (0: none). */
  readonly position: number;
  /** The first position after the instant, if the customer changed since (what the answer leaves out). */
  readonly nextPosition: number | null;
  /** The card as the live system showed it then; null if the customer did not exist yet. */
  readonly card: CustomerCard | null;
}

/**
 * A3: the customer card as it stood at a moment — the same projection the live card uses, folded over the
 * customer's stream (and the records merged into it) up to the last event recorded at or before the instant.
 * Personal fields of an erased customer read as erased, as everywhere (A5).
 */
export async function cardAsOf(events: EventStore, customerId: string, at: Date): Promise<CardAsOf> {
  const instant = at.toISOString();
  const own = await events.readStream<CustomerEvent>(customerStreamId(customerId));
  const absorbedIds = own
    .map((e) => ({ type: e.type, data: e.data }) as CustomerEvent)
    .flatMap((e) => (e.type === 'customers.customer-absorbed.v1' ? [e.data.absorbed.customerId] : []));
  const merged = (await Promise.all(absorbedIds.map((id) => events.readStream<CustomerEvent>(customerStreamId(id))))).flat();
  const all: RecordedEvent[] = [...own, ...merged].sort((a, b) => a.metadata.globalPosition - b.metadata.globalPosition);
  const view = new MemoryView();
  let position = 0;
  let nextPosition: number | null = null;
  for (const event of all) {
    if (event.metadata.recordedAt > instant) {
      nextPosition = event.metadata.globalPosition;
      break;
    }
    await customerCardProjection.apply(event, view);
    position = event.metadata.globalPosition;
  }
  return { customerId, asOf: instant, position, nextPosition, card: (await view.get<CustomerCard>(CUSTOMER_CARDS, customerId)) ?? null };
}
