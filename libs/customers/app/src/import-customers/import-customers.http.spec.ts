import { registerCustomer, startCustomersTestApp, UNKNOWN_ID, type CustomersTestApp } from '../../test/customers-test-app';

describe('bulk import (C1)', () => {
  let t: CustomersTestApp;
  beforeAll(async () => {
    t = await startCustomersTestApp();
  });
  afterAll(() => t.close());
  const importJson = (rows: object[], auth = t.rep) => t.http().post('/api/v1/customers/imports').set('authorization', auth).send({ rows });
  const importCsv = (csv: string, auth = t.rep) => t.http().post('/api/v1/customers/imports/csv').set('authorization', auth).set('content-type', 'text/csv').send(csv);

  it('C1: reports each row: created, duplicate within the file, duplicate of an existing customer, invalid', async () => {
    const existing = await registerCustomer(t, { name: 'Zoe Tan', email: 'zoe@tan.example' }, t.otherRep);
    const response = await importJson([
      { name: 'Mia Wong', phone: '(415) 555-0100', email: 'mia@example.com' },
      { name: 'M. Wong', phone: '+1 415 555 0100' },
      { name: 'Zoe T.', email: 'ZOE@tan.example' },
      { name: '', phone: '12' },
      { name: 'Walk-in prospect' },
    ]).expect(200);
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
    expect(record.body).toMatchObject({ importId: response.body.importId, summary: response.body.summary, by: 'rep-ana' });
    expect(record.body.notCreated.map((r: { row: number }) => r.row)).toEqual([2, 3, 4]);
    const refused = (await t.events()).find((e) => e.type === 'customers.duplicate-registration-refused.v1');
    expect(refused).toMatchObject({ data: { attempt: { source: 'import', row: 3, importId: response.body.importId } }, metadata: { via: 'import' } });
  });

  it('C1: a CSV export imports the same way; a manager may name the owning rep, a rep may not', async () => {
    const csv = 'Name,Phone,Email,Owner\n"Park, Leo",+1 212 555 0199,,rep-ben\nIvy Chen,,ivy@chen.example,\n';
    const asManager = await importCsv(csv, t.manager).expect(200);
    expect(asManager.body.summary).toMatchObject({ rows: 2, created: 2 });
    const leo = await t.http().get(`/api/v1/customers/${asManager.body.rows[0].customerId}`).set('authorization', t.manager).expect(200);
    expect(leo.body).toMatchObject({ name: 'Park, Leo', ownerId: 'rep-ben', registeredBy: 'manager-max' });
    const asRep = await importCsv('name,email,owner\nNew One,new@one.example,rep-ben\n').expect(200);
    expect(asRep.body.rows[0]).toMatchObject({ status: 'invalid', errors: [{ field: 'owner' }] });
  });

  it('400 names an unknown column, a missing name column, or an invalid row type; 415 for another media type', async () => {
    expect((await importCsv('name,fax\nMia,123\n').expect(400)).body.errors[0].field).toBe('header:fax');
    expect((await importCsv('phone\n+14155550100\n').expect(400)).body.errors[0].field).toBe('header:name');
    expect((await importJson([{ name: 42 }]).expect(400)).body.errors[0].field).toBe('rows.0.name');
    expect((await importJson([]).expect(400)).body.errors[0].field).toBe('rows');
    await t.http().post('/api/v1/customers/imports/csv').set('authorization', t.rep).send({ rows: [] }).expect(415);
  });

  it('404 for an unknown import; auditors cannot import', async () => {
    expect((await t.http().get(`/api/v1/customers/imports/${UNKNOWN_ID}`).set('authorization', t.manager).expect(404)).body.type).toBe('https://rapport.dev/problems/not-found');
    await importJson([{ name: 'X' }], t.auditor).expect(403);
  });
});
