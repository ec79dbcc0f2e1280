/** Deterministic ingredients of the demo data: a seeded generator and plausible names, companies and goods. */

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Skewed amounts: most purchases are small, a few are large, as in any B2B/B2C mix. */
  amount(median: number): number {
    const factor = Math.exp((this.next() + this.next() + this.next() - 1.5) * 1.6);
    return Math.round(median * factor * 100) / 100;
  }
}

export const FIRST_NAMES = [
  'Mia', 'Leo', 'Ivy', 'Noah', 'Zoe', 'Liam', 'Ava', 'Omar', 'Sofia', 'Kenji', 'Amara', 'Lucas', 'Priya', 'Mateo', 'Hana', 'Elias',
  'Chloe', 'Ravi', 'Nora', 'Felix', 'Yara', 'Jonas', 'Lena', 'Diego', 'Aisha', 'Tomas', 'Mei', 'Oscar', 'Freya', 'Arjun', 'Ines', 'Samir',
] as const;
export const LAST_NAMES = [
  'Wong', 'Park', 'Chen', 'Garcia', 'Okafor', 'Müller', 'Rossi', 'Tanaka', 'Novak', 'Silva', 'Haddad', 'Kowalski', 'Nguyen', 'Larsen',
  'Fischer', 'Moreau', 'Patel', 'Ibrahim', 'Jensen', 'Costa', 'Sato', 'Dubois', 'Kim', 'Andersson', 'Reyes', 'Schmidt', 'Ali', 'Bianchi',
] as const;
const COMPANY_STEMS = ['Northwind', 'Bluebird', 'Harbor', 'Summit', 'Cedar', 'Ironbridge', 'Lumen', 'Redwood', 'Quayside', 'Aster', 'Granite', 'Willow'] as const;
const COMPANY_KINDS = ['Logistics', 'Dental', 'Architects', 'Foods', 'Clinic', 'Legal', 'Studios', 'Retail', 'Engineering', 'Bakery'] as const;
export const INDUSTRIES = ['logistics', 'healthcare', 'construction', 'food', 'legal', 'media', 'retail', 'manufacturing'] as const;
export const CATEGORIES = ['laptops', 'monitors', 'printers', 'software', 'support-plans', 'accessories'] as const;
export const INTERESTS = ['sailing', 'jazz', 'cycling', 'chess', 'gardening', 'football', 'wine', 'hiking', 'photography'] as const;
const AREA_CODES = ['212', '206', '303', '305', '312', '415', '512', '617', '646', '702'] as const;

export const companyName = (r: Random): string => `${r.pick(COMPANY_STEMS)} ${r.pick(COMPANY_KINDS)}`;

/** A valid North American number (exchange 201–989, never the fictional 555), unique per index. */
export const phoneOf = (index: number): string =>
  `+1 ${AREA_CODES[index % AREA_CODES.length]} ${201 + ((index * 37) % 700)} ${String(1_000 + ((index * 7_919) % 9_000)).padStart(4, '0')}`;

export const emailOf = (first: string, last: string, index: number): string =>
  `${first}.${last}${index}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '') + '@example.com';

export const LEAVING_SIGNALS = ['asked for contract termination terms', 'stopped answering after a price rise', 'a competitor demo was booked', 'cancelled the next order'] as const;
export const WHY_LEAVING = ['deliveries were late three times', 'the new price list is 12% higher', 'their account manager left', 'a competitor bundles support'] as const;
export const WHAT_WOULD_MAKE_STAY = ['guaranteed delivery windows', 'a price freeze for a year', 'a named contact again', 'support included in the price'] as const;
