import { addMonths, CARD_FIELDS, isFilled, type CardField, type CustomerPolicy } from '@rapport/customers-domain';
import type { CustomerCard } from '../read-models/customer-card.model';

/** C9: filled fields not confirmed (set or re-confirmed) within the policy's window, as of `now`. */
export function staleFields(card: CustomerCard, now: Date, policy: CustomerPolicy): CardField[] {
  const cutoff = addMonths(now.toISOString(), -policy.card.staleAfterMonths);
  return CARD_FIELDS.filter((field) => {
    if (!isFilled(card[field])) return false;
    const confirmed = card.confirmedAt[field];
    return confirmed === undefined || confirmed <= cutoff;
  });
}
