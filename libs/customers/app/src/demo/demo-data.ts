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

/**
 * C1: where the demo's customers live, and how a rep there writes their number down: locally, without the
 * country code (read in the region given at registration), or in international format. Mainland China
 * leads, as in the practitioners' books the rules come from.
 */
export const REGIONS = ['CN', 'CN', 'CN', 'CN', 'HK', 'TW', 'US', 'US', 'DE', 'FR', 'GB'] as const;
export type DemoRegion = (typeof REGIONS)[number];

const digits = (n: number, width: number): string => String(n).padStart(width, '0');

/** A valid number of the region, unique per index, as a local rep would type it. */
export function phoneOf(index: number, region: DemoRegion = 'US'): string {
  const n = (index * 7_919 + 1_237) % 10_000;
  switch (region) {
    case 'CN':
      return `13${index % 10} ${digits(index % 10_000, 4)} ${digits(n, 4)}`;
    case 'HK':
      return `9${digits(index % 1_000, 3)} ${digits(n, 4)}`;
    case 'TW':
      return `09${10 + (index % 80)} ${digits(index % 1_000, 3)} ${digits(n % 1_000, 3)}`;
    case 'DE':
      return `030 ${digits(index % 10_000, 4)}${digits(n, 4)}`;
    case 'FR':
      return `06 ${digits(index % 100, 2)} ${digits(Math.floor(index / 100) % 100, 2)} ${digits(n % 100, 2)} ${digits(Math.floor(n / 100), 2)}`;
    case 'GB':
      return `020 7946 ${digits(index % 10_000, 4)}`;
    case 'US':
      // Exchange 201–989, never the fictional 555; international format, as US reps abroad write it.
      return `+1 ${AREA_CODES[index % AREA_CODES.length]} ${201 + ((index * 37) % 700)} ${digits(1_000 + ((index * 7_919) % 9_000), 4)}`;
    default: {
      const _exhaustive: never = region;
      return _exhaustive;
    }
  }
}

/** Names as customers of each region carry them (given name first, as the card shows it). */
export const NAMES_BY_REGION: Readonly<Record<DemoRegion, { readonly first: readonly string[]; readonly last: readonly string[] }>> = {
  CN: { first: ['Fang', 'Wei', 'Min', 'Jie', 'Lei', 'Yan', 'Hui', 'Qiang', 'Jing', 'Tao'], last: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu'] },
  HK: { first: ['Ka Ming', 'Wing Yan', 'Tai Man', 'Siu Fong', 'Chi Keung'], last: ['Chan', 'Wong', 'Leung', 'Cheung', 'Lau'] },
  TW: { first: ['Chih-ming', 'Mei-ling', 'Chun-hao', 'Ya-ting', 'Kuan-yu'], last: ['Lin', 'Chen', 'Huang', 'Tsai', 'Hsu'] },
  US: { first: ['Mia', 'Leo', 'Ivy', 'Noah', 'Zoe', 'Liam', 'Ava', 'Omar'], last: ['Park', 'Garcia', 'Okafor', 'Silva', 'Haddad', 'Nguyen', 'Reyes', 'Kim'] },
  DE: { first: ['Jonas', 'Lena', 'Felix', 'Freya', 'Elias'], last: ['Müller', 'Fischer', 'Schmidt', 'Weber', 'Becker'] },
  FR: { first: ['Chloe', 'Lucas', 'Ines', 'Hugo', 'Lea'], last: ['Moreau', 'Dubois', 'Laurent', 'Bernard', 'Petit'] },
  GB: { first: ['Oscar', 'Nora', 'Amara', 'Tomas', 'Priya'], last: ['Jensen', 'Patel', 'Ali', 'Taylor', 'Evans'] },
};

/** C9: what a rep learns about a customer over the first few contacts. */
export const NEEDS = ['replace 40 office laptops before the audit', 'a printer fleet with on-site service', 'licences for a new branch', 'faster delivery to two warehouses'] as const;
export const PREFERENCES = ['WeChat messages, not calls', 'calls after 16:00', 'everything by email, with a PDF quote', 'visits on Thursdays'] as const;
export const TITLES = ['General Manager', 'CFO', 'Head of Purchasing', 'IT Director', 'Owner'] as const;
export const COMPANY_SIZES = ['1-9', '10-49', '50-249', '250+'] as const;
export const FAMILY_NOTES = ['two children, the elder starts school in September', 'mother lives with them', 'newly married', 'son studies abroad'] as const;

export const emailOf = (first: string, last: string, index: number): string =>
  `${first}.${last}${index}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '') + '@example.com';

export const LEAVING_SIGNALS = ['asked for contract termination terms', 'stopped answering after a price rise', 'a competitor demo was booked', 'cancelled the next order'] as const;
export const WHY_LEAVING = ['deliveries were late three times', 'the new price list is 12% higher', 'their account manager left', 'a competitor bundles support'] as const;
export const WHAT_WOULD_MAKE_STAY = ['guaranteed delivery windows', 'a price freeze for a year', 'a named contact again', 'support included in the price'] as const;
