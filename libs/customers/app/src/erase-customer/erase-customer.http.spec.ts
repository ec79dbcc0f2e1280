import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { collectHistory, exportText, verifyExport } from '@rapport/platform-audit';
import { ManualClock } from '@rapport/platform-eventsourcing';
import { configureHttpApp, loadEnvironment, PlatformModule, STORAGE, TokenService, type Storage } from '@rapport/platform-nest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CUSTOMER_CARD_PROJECTION, CustomerCommands, CustomersModule } from '../index';

/**
 * A5 end to end, on files (not :memory:), so "nowhere" can be checked byte by byte: the event store, the read
 * models, the bus log and the key store of a real data folder.
 */
describe('POST /api/v1/customers/:id/erasure (A5: crypto-shredding)', () => {
  const START = new Date('2026-01-05T09:00:00.000Z');
  let dir: string;
  let app: INestApplication;
  let storage: Storage;
  let as: (id: string, ...roles: ('rep' | 'manager' | 'admin' | 'auditor')[]) => string;
  const http = () => request(app.getHttpServer());
  const previous = process.env['DIRECTORY_REQUIRED'];

  // Everything personal about Zelda Quill that the history below writes: none of it may survive erasure.
  const SECRETS = ['Zelda Quill', 'Zee Quill-Other', 'zq@quill.example', '+14155550199', 'zelda.quill@example.com', 'her daughter Ottilie', 'loves orchids', 'moving to Lisbon', 'call back about the kiln', 'promised a discount to Zelda'];

  beforeAll(async () => {
    process.env['DIRECTORY_REQUIRED'] = 'false';
    dir = mkdtempSync(join(tmpdir(), 'rapport-erasure-'));
    const environment = loadEnvironment({ DATA_DIR: dir, RAPPORT_DEV_TOKENS: 'false', SQLITE_SYNCHRONOUS: 'NORMAL' } as NodeJS.ProcessEnv);
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot({ environment, clock: new ManualClock(START) }), CustomersModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, { title: 'erasure', description: 'test', version: 'test' });
    await app.init();
    const tokens = app.get(TokenService);
    as = (id, ...roles) => `Bearer ${tokens.issue({ id, roles })}`;
    storage = app.get<Storage>(STORAGE);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env['DIRECTORY_REQUIRED'];
    else process.env['DIRECTORY_REQUIRED'] = previous;
  });

  const rep = () => as('rep-ana', 'rep');
  const register = async (body: object): Promise<string> => (await http().post('/api/v1/customers').set('authorization', rep()).send(body).expect(201)).body.customerId;
  const bytesOfDataFolder = (only = (_file: string) => true): string =>
    readdirSync(dir)
      .filter((f) => f.includes('.sqlite') && only(f))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('\n');

  it('A5: a long history is erased: card, events, read models, topic and files hold none of it (a refused duplicate registration of her and her changed emails included); replay works; others untouched', async () => {
    const zelda = await register({ name: 'Zelda Quill', phone: '+1 415 555 0199', email: 'zelda.quill@example.com' });
    const yorick = await register({ name: 'Yorick Brand', email: 'yorick@example.com' });
    for (let i = 0; i < 40; i++) {
      await http()
        .post(`/api/v1/customers/${zelda}/contacts`)
        .set('authorization', rep())
        .send({ channel: 'call', direction: 'outbound', outcome: 'reached', notes: `visit ${i}: her daughter Ottilie, loves orchids`, nextStep: 'call back about the kiln' })
        .expect(200);
    }
    await http().patch(`/api/v1/customers/${zelda}/card`).set('authorization', rep()).send({ familyNotes: 'her daughter Ottilie', interests: ['loves orchids'] }).expect(200);
    await http().post(`/api/v1/customers/${zelda}/grade`).set('authorization', rep()).send({ grade: 'B', reason: 'moving to Lisbon' }).expect(200);
    await http().post(`/api/v1/customers/${zelda}/ownership/transfer`).set('authorization', as('manager-max', 'manager')).send({ toOwnerId: 'rep-ben', reason: 'promised a discount to Zelda' }).expect(200);
    // Her email changes twice (the new key claimed, the old one released), back to the first one.
    await http().patch(`/api/v1/customers/${zelda}/card`).set('authorization', as('rep-ben', 'rep')).send({ email: 'zq@quill.example' }).expect(200);
    await http().patch(`/api/v1/customers/${zelda}/card`).set('authorization', as('rep-ben', 'rep')).send({ email: 'zelda.quill@example.com' }).expect(200);
    // Another rep tries to register her again under another name (C1): refused, and the attempt is on the record.
    await http().post('/api/v1/customers').set('authorization', as('rep-ben', 'rep')).send({ name: 'Zee Quill-Other', phone: '+1 415 555 0199' }).expect(409);
    await http().post(`/api/v1/customers/${yorick}/contacts`).set('authorization', rep()).send({ channel: 'call', direction: 'outbound', outcome: 'reached', notes: 'Yorick likes jazz' }).expect(200);

    // Before: the card says it all, and the event store and bus log do not (the platform encrypts on the way in).
    expect((await http().get(`/api/v1/customers/${zelda}`).set('authorization', as('manager-max', 'manager')).expect(200)).body).toMatchObject({ name: 'Zelda Quill', familyNotes: 'her daughter Ottilie' });
    const before = bytesOfDataFolder((f) => f.startsWith('customers.sqlite') || f.startsWith('bus.sqlite'));
    for (const s of SECRETS) expect({ inFiles: s, found: before.includes(s) }).toEqual({ inFiles: s, found: false });

    // Only an admin erases; the basis is a code, not words.
    await http().post(`/api/v1/customers/${zelda}/erasure`).set('authorization', as('manager-max', 'manager')).send({ basis: 'data-subject-request' }).expect(403);
    await http().post(`/api/v1/customers/${zelda}/erasure`).set('authorization', as('admin-root', 'admin')).send({ basis: 'because she asked' }).expect(400);
    const erased = await http().post(`/api/v1/customers/${zelda}/erasure`).set('authorization', as('admin-root', 'admin')).send({ basis: 'data-subject-request' }).expect(200);
    expect(erased.body).toMatchObject({ customerId: zelda, keyDestroyed: true, releasedKeys: 2 });
    const again = await http().post(`/api/v1/customers/${zelda}/erasure`).set('authorization', as('admin-root', 'admin')).send({ basis: 'data-subject-request' }).expect(200);
    expect(again.body).toMatchObject({ keyDestroyed: false, erasedAt: erased.body.erasedAt, position: 0 });

    // The card keeps the business facts and nothing personal.
    const card = (await http().get(`/api/v1/customers/${zelda}`).set('authorization', as('manager-max', 'manager')).expect(200)).body;
    expect(card).toMatchObject({ ownerId: 'rep-ben', grade: 'B', phone: null, email: null, familyNotes: null, interests: [], nextStep: null, gradeReason: null, erasedAt: erased.body.erasedAt });
    expect(JSON.stringify(card)).not.toMatch(/Zelda|Ottilie|orchids|Lisbon|kiln/);

    // Replay: the stream still folds (the decider still decides), and a rebuilt card is the same erased card.
    const commands = app.get(CustomerCommands);
    const state = await commands.state(zelda);
    expect(state).toMatchObject({ status: 'active', ownerId: 'rep-ben', contactCount: 40, erasedAt: erased.body.erasedAt });
    const events = await (await storage.eventStore('customers')).readAll({ after: 0, maxCount: 10_000 });
    expect(events.length).toBeGreaterThan(45);
    const text = JSON.stringify(events);
    for (const s of SECRETS) expect({ inEvents: s, found: text.includes(s) }).toEqual({ inEvents: s, found: false });
    expect(events.filter((e) => e.metadata.erasedFields !== undefined).length).toBeGreaterThanOrEqual(42);
    await commands.host.runner(CUSTOMER_CARD_PROJECTION).rebuild();
    const rebuilt = (await http().get(`/api/v1/customers/${zelda}`).set('authorization', as('manager-max', 'manager')).expect(200)).body;
    expect(rebuilt).toMatchObject({ ownerId: 'rep-ben', phone: null, familyNotes: null, erasedAt: erased.body.erasedAt });

    // Nobody else lost anything.
    const other = (await http().get(`/api/v1/customers/${yorick}`).set('authorization', rep()).expect(200)).body;
    expect(other).toMatchObject({ name: 'Yorick Brand', email: 'yorick@example.com' });
    expect(text).toContain('Yorick likes jazz');

    // An auditor's export of her history (A7) holds none of it either, and still verifies.
    const history = await collectHistory([{ service: 'customers', store: await storage.eventStore('customers') }], { subject: zelda });
    const exported = exportText(history, 'csv', { subject: zelda }, '2026-12-02T00:00:00.000Z');
    for (const s of SECRETS) expect({ inExport: s, found: exported.includes(s) }).toEqual({ inExport: s, found: false });
    expect(verifyExport(exported)).toMatchObject({ ok: true });
    expect(history.at(-1)).toMatchObject({ type: 'customers.customer-erased.v1', actor: { id: 'admin-root' } });

    // The files: event store, read models, bus log, key store.
    const after = bytesOfDataFolder();
    for (const s of SECRETS) expect({ inFiles: s, found: after.includes(s) }).toEqual({ inFiles: s, found: false });

    // The phone is free again (C1 keys released): a new customer with it is somebody else, not a duplicate.
    await register({ name: 'Nova Lund', phone: '+1 415 555 0199' });
  });

  it('A5: a customer that does not exist is a 404, and erasure needs a basis', async () => {
    await http().post('/api/v1/customers/00000000-0000-4000-8000-000000000000/erasure').set('authorization', as('admin-root', 'admin')).send({ basis: 'legal-order' }).expect(404);
    await http().post('/api/v1/customers/00000000-0000-4000-8000-000000000000/erasure').set('authorization', as('admin-root', 'admin')).send({}).expect(400);
  });
});
