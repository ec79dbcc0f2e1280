import type { ProjectionView } from '@rapport/platform-eventsourcing';
import { identityKeyOf } from '@rapport/customers-domain';
import { POSSIBLE_DUPLICATES, type CustomerCard, type PossibleDuplicateGroup } from './customer-card.model';

type Identity = Pick<CustomerCard, 'id' | 'name' | 'company' | 'status'>;

/** An active record's identity key (C1: same name + company); merged records are not listed. */
const keyOf = (card: Identity | undefined): string | null => (card && card.status === 'active' ? identityKeyOf(card.name, card.company) : null);

async function change(view: ProjectionView, key: string, id: string, add: boolean): Promise<void> {
  const group = await view.get<PossibleDuplicateGroup>(POSSIBLE_DUPLICATES, key);
  const others = (group?.customerIds ?? []).filter((c) => c !== id);
  const customerIds = add ? [...others, id] : others;
  if (customerIds.length === 0) return view.delete(POSSIBLE_DUPLICATES, key);
  view.put<PossibleDuplicateGroup>(POSSIBLE_DUPLICATES, { id: key, customerIds, size: customerIds.length });
}

/** Moves a record between identity groups when its name, company or status changed. */
export async function regroup(view: ProjectionView, before: Identity | undefined, after: Identity | undefined): Promise<void> {
  const from = keyOf(before);
  const to = keyOf(after);
  if (from === to) return;
  if (from && before) await change(view, from, before.id, false);
  if (to && after) await change(view, to, after.id, true);
}
