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
    expect(summary.tally['won back'] ?? 0) .toBeGreaterThanOrEqual(0);
    const store = services.commands.host.readModels;
    const cards = await store.find<CustomerCard>(CUSTOMER_CARDS, { where: { status: 'active' } });
    const stages = new Set(cards.map((c) => c.stage));
    expect([...stages]).toEqual(expect.arrayContaining(['new-buyer', 'long-standing', 'lapsed']));
    expect(cards.some((c) => c.tier === 'silver' || c.tier === 'gold')).toBe(true);
    expect(await store.count(REGISTRATION_REFUSALS)).toBe(summary.tally['refused: C1 duplicate-customer'] ?? 0);
  }, 60_000);
});
