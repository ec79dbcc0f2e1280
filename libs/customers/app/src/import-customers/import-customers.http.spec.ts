import { registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';
import { ImportJobs } from './import-jobs';

describe('bulk import (C1)', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());
  const submitJson = (rows: object[], auth = t.rep) => t.http().post('/api/v1/customers/imports').set('authorization', auth).send({ rows });
  const submitCsv = (csv: string, auth = t.rep) => t.http().post('/api/v1/customers/imports/csv').set('authorization', auth).set('content-type', 'text/csv').send(csv);
  /** Submits (202 + Location), waits for the job, and answers its report as the submitter reads it. */
  const finished = async (submitted: { status: number; body: { importId: string }; headers: Record<string, string> }, auth: string) => {
    expect(submitted.status).toBe(202);
    expect(submitted.headers.location).toBe(`/api/v1/customers/imports/${submitted.body.importId}`);
    await t.app.get(ImportJobs).idle();
    const report = await t.http().get(submitted.headers.location!).set('authorization', auth).expect(200);
    expect(report.body.status).toBe('done');
    return report;
  };
  const importJson = async (rows: object[], auth = t.rep) => finished(await submitJson(rows, auth), auth);
  const importCsv = async (csv: string, auth = t.rep) => finished(await submitCsv(csv, auth), auth);

  it('C1: reports each row: created, duplicate within the file, duplicate of an existing customer, invalid', async () => {
    const existing = await registerCustomer(t, { name: 'Zoe Tan', email: 'zoe@tan.example' }, t.otherRep);
    const response = await importJson([
      { name: 'Mia Wong', phone: '+1 (415) 555-0100', email: 'mia@example.com' },
      { name: 'M. Wong', phone: '+1 415 555 0100' },
      { name: 'Zoe T.', email: 'ZOE@tan.example' },
      { name: '', phone: '12' },
      { name: 'Walk-in prospect' },
    ]);
    expect(response.body.summary).toEqual({ rows: 5, created: 2, duplicateInFile: 1, duplicateInRegistry: 1, invalid: 1 });
    expect(response.body.rows).toEqual([
      { row: 1, status: 'created', customerId: expect.any(String) },
      { row: 2, status: 'duplicate-in-file', duplicateOfRow: 1, matchedOn: 'phone' },
      { row: 3, status: 'duplicate-in-registry', existingCustomerId: existing, matchedOn: 'email' },
      { row: 4, status: 'invalid', errors: [{ field: 'name', message: 'name is required' }, { field: 'phone', message: '"12" is not a valid phone number' }] },
      { row: 5, status: 'created', customerId: expect.any(String) },
    ]);
    const created = await t.http().get(`/api/v1/customers/${response.body.rows[0].customerId}`).set('authorization', t.rep).expect(200);
    expect(created.body).toMatchObject({ ownerId: 'rep-ana', source: 'import' });
    const record = await t.http().get(`/api/v1/customers/imports/${response.body.importId}`).set('authorization', t.manager).expect(200);
    expect(record.body).toMatchObject({ importId: response.body.importId, summary: response.body.summary, by: 'rep-ana', total: 5, processed: 5 });
    const refused = (await t.events()).find((e) => e.type === 'customers.duplicate-registration-refused.v1');
    expect(refused).toMatchObject({ data: { attempt: { source: 'import', row: 3, importId: response.body.importId } }, metadata: { via: 'import' } });
  });

  it('C1: a CSV export imports the same way; a manager may name the owning rep, a rep may not', async () => {
    const csv = 'Name,Phone,Email,Owner\n"Park, Leo",+1 212 555 0199,,rep-ben\nIvy Chen,,ivy@chen.example,\n';
    const asManager = await importCsv(csv, t.manager);
    expect(asManager.body.summary).toMatchObject({ rows: 2, created: 2 });
    const leo = await t.http().get(`/api/v1/customers/${asManager.body.rows[0].customerId}`).set('authorization', t.manager).expect(200);
    expect(leo.body).toMatchObject({ name: 'Park, Leo', ownerId: 'rep-ben', registeredBy: 'manager-max' });
    const asRep = await importCsv('name,email,owner\nNew One,new@one.example,rep-ben\n');
    expect(asRep.body.rows[0]).toMatchObject({ status: 'invalid', errors: [{ field: 'owner' }] });
  });

  it('400 names an unknown column, a missing name column, or an invalid row type; 415 for another media type', async () => {
    expect((await submitCsv('name,fax\nMia,123\n').expect(400)).body.errors[0].field).toBe('header:fax');
    expect((await submitCsv('phone\n+14155550100\n').expect(400)).body.errors[0].field).toBe('header:name');
    expect((await submitJson([{ name: 42 }]).expect(400)).body.errors[0].field).toBe('rows.0.name');
    expect((await submitJson([]).expect(400)).body.errors[0].field).toBe('rows');
    await t.http().post('/api/v1/customers/imports/csv').set('authorization', t.rep).send({ rows: [] }).expect(415);
  });

  it('404 for an unknown import; auditors cannot import', async () => {
    expect((await t.http().get(`/api/v1/customers/imports/${UNKNOWN_ID}`).set('authorization', t.manager).expect(404)).body.type).toBe('https://rapport.dev/problems/not-found');
    await submitJson([{ name: 'X' }], t.auditor).expect(403);
  });

  it('SEC-2: an import is a job: 202 at once with a Location, then status, counts and the per-row report', async () => {
    const submitted = await submitJson([{ name: 'Job One' }, { name: '' }]);
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ importId: expect.any(String), status: expect.stringMatching(/^(queued|running)$/), total: 2 });
    const report = await finished(submitted, t.rep);
    expect(report.body).toMatchObject({ total: 2, processed: 2, summary: { rows: 2, created: 1, invalid: 1 }, rowsListed: 'all' });
    expect(report.body.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'invalid']);
  });

  it('SEC-2: more rows than the cap is a 413 naming the limit, and nothing is imported', async () => {
    const before = (await t.events()).length;
    const json = await submitJson(Array.from({ length: 10_001 }, (_, i) => ({ name: `Row ${i}` })));
    expect(json.status).toBe(413);
    expect(json.body).toMatchObject({ type: 'https://rapport.dev/problems/too-many-rows', limit: 10_000 });
    const csv = await submitCsv(`name\n${Array.from({ length: 100_001 }, (_, i) => `Row ${i}`).join('\n')}`);
    expect(csv.status).toBe(413);
    expect(csv.body).toMatchObject({ type: 'https://rapport.dev/problems/too-many-rows', limit: 100_000 });
    expect((await t.events()).length).toBe(before);
  });

  it('SEC-5: a report is visible to its author and managers; to another rep it does not exist (the same 404 as an unknown id)', async () => {
    const report = await importJson([{ name: 'Private Row' }]);
    const href = `/api/v1/customers/imports/${report.body.importId}`;
    await t.http().get(href).set('authorization', t.rep).expect(200);
    await t.http().get(href).set('authorization', t.manager).expect(200);
    const theirs = await t.http().get(href).set('authorization', t.otherRep).expect(404);
    const unknown = await t.http().get(`/api/v1/customers/imports/${UNKNOWN_ID}`).set('authorization', t.otherRep).expect(404);
    expect(theirs.body.type).toBe(unknown.body.type);
    expect(theirs.body.title).toBe(unknown.body.title);
  });
});
