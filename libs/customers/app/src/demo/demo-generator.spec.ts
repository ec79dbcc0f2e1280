import { CustomerCommands } from '../customer-commands';
import { ImportService } from '../import-customers/import.service';
import { MergeService } from '../merge-customers/merge.service';
import { CUSTOMER_CARDS, REGISTRATION_REFUSALS, type CustomerCard } from '../read-models/customer-card.model';
import { ReassignmentService } from '../reclaim-customer/reassignment.service';
import { ReferralService } from '../record-referral/referral.service';
import { RegistrationService } from '../register-customer/registration.service';
import { SweepService } from '../sweep-customers/sweep.service';
import { CardUpdateService } from '../update-card/card-update.service';
import { startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';
import { generateDemo } from './demo-generator';

describe('demo data generator', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());

  it('makes customers with a believable history through the real use cases', async () => {
    const get = <T>(token: new (...args: never[]) => T): T => t.app.get(token);
    const services = {
      commands: get(CustomerCommands),
      registration: get(RegistrationService),
      imports: get(ImportService),
      cards: get(CardUpdateService),
      referrals: get(ReferralService),
      reassignment: get(ReassignmentService),
      sweeps: get(SweepService),
      merges: get(MergeService),
    };
    const summary = await generateDemo(services, t.clock, { customers: 80, seed: 7, months: 18, end: new Date('2027-06-01T09:00:00.000Z') });

    expect(summary.customers).toBe(80);
    expect(summary.tally).toMatchObject({ registered: 80, 'duplicate registered': 4, merged: 4, unmerged: 1 });
    expect(summary.tally['contact logged']).toBeGreaterThan(500);
    expect(summary.tally['purchase recorded']).toBeGreaterThan(50);
    // C11: win-backs happen, and most of them fail.
    expect(summary.tally['won back']).toBeGreaterThanOrEqual(1);
    expect(summary.tally['lost']).toBeGreaterThan(summary.tally['won back']!);
    const store = services.commands.host.readModels;
    const cards = await store.find<CustomerCard>(CUSTOMER_CARDS, { where: { status: 'active' } });

    // C1: a world a manager recognises: mainland China first, then Hong Kong, Taiwan, the US and Europe.
    const prefixes = new Set(cards.map((c) => c.phone?.match(/^\+(86|852|886|1|49|33|44)/)?.[1]));
    expect([...prefixes]).toEqual(expect.arrayContaining(['86', '852', '886', '1', '49', '33', '44']));
    expect(cards.filter((c) => c.phone?.startsWith('+86')).length).toBeGreaterThan(cards.length / 5);

    // C9: most cards carry decision-makers and needs; businesses key contacts, consumers birthdays.
    const contacted = cards.filter((c) => c.contactCount >= 2);
    const share = (filter: (c: CustomerCard) => boolean, of: CustomerCard[]) => of.filter(filter).length / of.length;
    expect(share((c) => c.decisionMakers.length > 0 && c.needs !== null, contacted)).toBeGreaterThan(0.7);
    expect(share((c) => c.keyContacts.length > 0, contacted.filter((c) => c.company !== null))).toBeGreaterThan(0.7);
    expect(share((c) => c.birthday !== null, contacted.filter((c) => c.company === null))).toBeGreaterThan(0.7);

    // C7: grades predict who buys: A/B customers buy far more often than E/F ones.
    const buys = (grades: readonly string[]) => share((c) => c.purchaseCount > 0, cards.filter((c) => c.grade !== null && grades.includes(c.grade)));
    expect(buys(['A', 'B'])).toBeGreaterThan(buys(['E', 'F']) + 0.3);
    const stages = new Set(cards.map((c) => c.stage));
    expect([...stages]).toEqual(expect.arrayContaining(['new-buyer', 'long-standing', 'lapsed']));
    expect(cards.some((c) => c.tier === 'silver' || c.tier === 'gold')).toBe(true);
    expect(await store.count(REGISTRATION_REFUSALS)).toBe(summary.tally['refused: C1 duplicate-customer'] ?? 0);
  }, 60_000);
});
