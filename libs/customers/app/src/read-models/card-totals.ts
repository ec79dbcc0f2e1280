import { maxIso, minIso, type AbsorbedCustomer } from '@rapport/customers-domain';
import type { CardTotals, CustomerCard } from './customer-card.model';

export const noTotals: CardTotals = { contactCount: 0, purchaseCount: 0, lifetimeSpend: 0, firstPurchaseAt: null, lastPurchaseAt: null };

const round2 = (n: number): number => Math.round(n * 100) / 100;

export const totalsOfAbsorbed = (a: AbsorbedCustomer): CardTotals => ({
  contactCount: a.contactCount,
  purchaseCount: a.purchases.length,
  lifetimeSpend: round2(a.purchases.reduce((sum, p) => sum + p.amount, 0)),
  firstPurchaseAt: minIso(...a.purchases.map((p) => p.occurredAt)),
  lastPurchaseAt: maxIso(...a.purchases.map((p) => p.occurredAt)),
});

/** The shown totals: the record's own plus every record currently merged into it (C2). */
export function withTotals(card: CustomerCard): CustomerCard {
  const all = [card.own, ...Object.values(card.absorbedTotals)];
  return {
    ...card,
    contactCount: all.reduce((n, t) => n + t.contactCount, 0),
    purchaseCount: all.reduce((n, t) => n + t.purchaseCount, 0),
    lifetimeSpend: round2(all.reduce((n, t) => n + t.lifetimeSpend, 0)),
    firstPurchaseAt: minIso(...all.map((t) => t.firstPurchaseAt)),
    lastPurchaseAt: maxIso(...all.map((t) => t.lastPurchaseAt)),
  };
}

export const membersOf = (ownerId: string, collaboratorIds: readonly string[]): string => `|${[ownerId, ...collaboratorIds].join('|')}|`;
