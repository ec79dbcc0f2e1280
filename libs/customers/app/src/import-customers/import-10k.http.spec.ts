import { startCustomersTestApp, type CustomersTestApp } from '../../test/customers-test-app';
import { ImportJobs } from './import-jobs';

const ROWS = 10_000;
const phoneOf = (i: number): string => `+1 415 ${String(200 + Math.floor(i / 10_000)).padStart(3, '0')} ${String(i % 10_000).padStart(4, '0')}`;

/**
 * 10,000 rows, 20% duplicates (half within the file, half of customers registered before), on ':memory:'
 * storage as the issue allows: the point is that every row is reported correctly, fast enough for CI.
 */
describe('C1 import at scale', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());

  it('C1: an import of 10,000 rows with 20% duplicates reports every row correctly', async () => {
    // 1,000 customers already in the registry (rows 9,001..10,000 will duplicate them by email).
    const existing = Array.from({ length: 1_000 }, (_, i) => ({ name: `Existing ${i}`, email: `existing-${i}@example.com` }));
    const done = async (submitted: { headers: Record<string, string> }, auth: string) => {
      await t.app.get(ImportJobs).idle();
      return t.http().get(submitted.headers.location!).set('authorization', auth).expect(200);
    };
    const seeded = await done(await t.http().post('/api/v1/customers/imports').set('authorization', t.otherRep).send({ rows: existing.slice(0, 500) }).expect(202), t.otherRep);
    const seeded2 = await done(await t.http().post('/api/v1/customers/imports').set('authorization', t.otherRep).send({ rows: existing.slice(500) }).expect(202), t.otherRep);
    const existingIds = [...seeded.body.rows, ...seeded2.body.rows].map((r: { customerId: string }) => r.customerId);

    const lines = ['name,phone,email,company'];
    for (let i = 0; i < ROWS; i++) {
      if (i >= 8_000 && i < 9_000) lines.push(`Copy ${i},${phoneOf(i - 8_000)},,`); // same phone as row i-8000+1
      else if (i >= 9_000) lines.push(`Known ${i},,EXISTING-${i - 9_000}@Example.com,`);
      else lines.push(`Customer ${i},${phoneOf(i)},customer-${i}@example.com,Company ${i % 97}`);
    }
    const submitted = await t.http().post('/api/v1/customers/imports/csv').set('authorization', t.rep).set('content-type', 'text/csv').send(lines.join('\n')).expect(202);
    const response = await done(submitted, t.rep);

    expect(response.body.summary).toEqual({ rows: ROWS, created: 8_000, duplicateInFile: 1_000, duplicateInRegistry: 1_000, invalid: 0 });
    const rows = response.body.rows as { row: number; status: string; customerId?: string; duplicateOfRow?: number; existingCustomerId?: string }[];
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    rows.slice(0, 8_000).forEach((r) => expect(r.status).toBe('created'));
    expect(new Set(rows.slice(0, 8_000).map((r) => r.customerId)).size).toBe(8_000);
    rows.slice(8_000, 9_000).forEach((r, i) => expect(r).toEqual({ row: 8_001 + i, status: 'duplicate-in-file', duplicateOfRow: i + 1, matchedOn: 'phone' }));
    rows.slice(9_000).forEach((r, i) => expect(r).toEqual({ row: 9_001 + i, status: 'duplicate-in-registry', existingCustomerId: existingIds[i], matchedOn: 'email' }));

    const events = await t.events();
    expect(events.filter((e) => e.type === 'customers.customer-registered.v1')).toHaveLength(9_000);
    expect(events.filter((e) => e.type === 'customers.duplicate-registration-refused.v1')).toHaveLength(1_000);
  }, 120_000);
});
