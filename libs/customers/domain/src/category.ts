import { violation } from './customer.access';
import type { CustomerPolicy } from './customer.policy';

/**
 * C12: categories are one catalogue. "Laptops", " laptops" and "LAPTOPS" are one category, so neither the
 * share of wallet nor a report splits on how a rep or an integrator happened to type it.
 */
export const normalizeCategory = (raw: string): string => raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The category as the catalogue knows it; with a catalogue configured, anything else is refused. */
export function catalogueCategory(raw: string, policy: CustomerPolicy): string {
  const category = normalizeCategory(raw);
  const catalogue = policy.wallet.categories.map(normalizeCategory);
  if (category === '') throw violation('C12', 'category-required', 'a category is required');
  if (catalogue.length > 0 && !catalogue.includes(category)) {
    throw violation('C12', 'unknown-category', `"${raw}" is not in the category catalogue`, { categories: catalogue });
  }
  return category;
}
