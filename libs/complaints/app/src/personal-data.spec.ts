import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORAGE, type Storage } from '@rapport/platform-nest';
import { ComplaintCommands } from './complaint-commands';
import { startComplaintsTestApp, type ComplaintsTestApp } from './testing/complaints-test-app';

const SECRETS = ['Ottilie', 'orchid', 'Lisbon'];

/** A5: what the customer said is sealed with her key by the platform, and shredded with it. */
describe('personal data of complaints (A5)', () => {
  let dataDir: string;
  let t: ComplaintsTestApp;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rapport-complaints-a5-'));
    t = await startComplaintsTestApp({ dataDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('A5: the description, remedy and replies are not in the files; erasing the customer shreds them, and the complaint still folds and works', async () => {
    const ana = t.as('rep-ana', 'rep');
    const { body } = await t
      .http()
      .post('/api/v1/complaints')
      .set('authorization', ana)
      .send({ customerId: 'cust-a5', channel: 'phone', category: 'staff', severity: 'low', description: 'the driver shouted at Ottilie', remedySought: 'an orchid as an apology' })
      .expect(201);
    await t.http().post(`/api/v1/complaints/${body.complaintId}/acknowledgement`).set('authorization', ana).send({ message: 'sorry, we will call you in Lisbon' }).expect(200);

    const events = await t.all();
    expect(JSON.stringify(events)).toContain('Ottilie'); // read through the platform, it is all there
    const files = readdirSync(dataDir).filter((f) => f.startsWith('complaints.sqlite') || f.startsWith('bus.sqlite'));
    const bytes = files.map((f) => readFileSync(join(dataDir, f)).toString('latin1')).join('');
    for (const s of SECRETS) expect({ secret: s, inFiles: bytes.includes(s) }).toEqual({ secret: s, inFiles: false });

    await (await t.app.get<Storage>(STORAGE).erasure()).erase('cust-a5', t.clock.now());
    const after = await t.all();
    for (const s of SECRETS) expect({ secret: s, afterErasure: JSON.stringify(after).includes(s) }).toEqual({ secret: s, afterErasure: false });
    expect(after.filter((e) => e.metadata.erasedFields !== undefined).map((e) => e.type)).toEqual(['complaints.complaint-received.v1', 'complaints.complaint-acknowledged.v1']);
    const state = await t.app.get(ComplaintCommands).state(body.complaintId);
    expect(state).toMatchObject({ status: 'acknowledged', ownerId: 'rep-ana', reference: body.reference });
    await t.http().post(`/api/v1/complaints/${body.complaintId}/resolution`).set('authorization', ana).send({ resolution: 'a written apology' }).expect(200);
  });
});
