import { PersonalDataRegistry, uuidv7, type AppendContext } from '@rapport/platform-eventsourcing';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptingEventStore } from './encrypting-event-store';
import { KeyVault } from './key-vault';
import { SqliteKeyRepository } from './sqlite-key-repository';

const context: AppendContext = {
  recordedAt: '2026-03-03T10:00:00.000Z',
  actor: { id: 'rep-1', kind: 'user' },
  via: 'api',
  correlationId: 'c-1',
  causationId: 'c-1',
};

const registry = new PersonalDataRegistry();
registry.declare(
  {
    'shop.person-registered.v1': ['name', 'email', 'card.phone'],
    'shop.note-taken.v1': ['notes'],
    'shop.merged.v1': [{ subject: 'absorbed.customerId', fields: ['absorbed.name'] }],
  },
  { pseudonymousStreamPrefixes: ['key-'] },
);

describe('EncryptingEventStore (A5: crypto-shredding done by the platform)', () => {
  let dir: string;
  let inner: SqliteEventStore;
  let keys: SqliteKeyRepository;
  let store: EncryptingEventStore;
  const master = randomBytes(32);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-a5-'));
    inner = SqliteEventStore.open(join(dir, 'events.sqlite'));
    keys = SqliteKeyRepository.open(join(dir, 'keys.sqlite'));
    store = new EncryptingEventStore(inner, new KeyVault(keys, master), registry);
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = (id: string, name: string, notes: string[]) =>
    store.append(
      `person-${id}`,
      [
        { eventId: uuidv7(), type: 'shop.person-registered.v1', data: { customerId: id, name, email: `${name.toLowerCase()}@example.com`, card: { phone: '+14155550100', size: 'L' } } },
        ...notes.map((n) => ({ eventId: uuidv7(), type: 'shop.note-taken.v1', data: { customerId: id, notes: n, nextStepAt: '2026-04-01' } })),
      ],
      { expectedVersion: 'no_stream', context },
    );

  const fileText = () => readFileSync(join(dir, 'events.sqlite')).toString('latin1') + readFileSync(join(dir, 'events.sqlite-wal')).toString('latin1');

  it('A5: declared fields are stored as ciphertext and read back as they were written', async () => {
    await register('c-1', 'Zelda', ['Prefers mornings']);
    const [registered, note] = await store.readStream('person-c-1');
    expect(registered!.data).toEqual({ customerId: 'c-1', name: 'Zelda', email: 'zelda@example.com', card: { phone: '+14155550100', size: 'L' } });
    expect(note!.data).toEqual({ customerId: 'c-1', notes: 'Prefers mornings', nextStepAt: '2026-04-01' });
    const raw = await inner.readStream('person-c-1');
    expect(JSON.stringify(raw)).not.toMatch(/Zelda|zelda@|Prefers mornings|\+14155550100/);
    expect(fileText()).not.toMatch(/Zelda|Prefers mornings|14155550100/);
    expect(raw[0]!.data).toMatchObject({ customerId: 'c-1', card: { size: 'L' } });
  });

  it('A5: erasing a subject shreds every declared field of theirs; replay still reads the events, others untouched', async () => {
    await register('c-1', 'Zelda', Array.from({ length: 50 }, (_, i) => `Call note ${i} for Zelda`));
    await register('c-2', 'Yorick', ['Keep in touch']);
    await store.append('merge-1', [{ eventId: uuidv7(), type: 'shop.merged.v1', data: { customerId: 'c-2', absorbed: { customerId: 'c-1', name: 'Zelda' } } }], { expectedVersion: 'no_stream', context });

    const vault = new KeyVault(keys, master);
    expect(await vault.erase('c-1', new Date('2026-05-01T00:00:00Z'))).toEqual({ erasedAt: '2026-05-01T00:00:00.000Z', keyDestroyed: true });
    // A fresh process (no cached key) and this one both see the erasure.
    const reopened = new EncryptingEventStore(inner, vault, registry);
    const history = await reopened.readStream('person-c-1');
    expect(history).toHaveLength(51);
    expect(history[0]!.data).toEqual({ customerId: 'c-1', name: null, email: null, card: { phone: null, size: 'L' } });
    expect(history[0]!.metadata.erasedFields).toEqual(['name', 'email', 'card.phone']);
    expect(history[1]!.data).toEqual({ customerId: 'c-1', notes: null, nextStepAt: '2026-04-01' });
    const all = await reopened.readAll({ after: 0, maxCount: 1000 });
    expect(JSON.stringify(all)).not.toMatch(/Zelda/);
    expect(all.find((e) => e.type === 'shop.merged.v1')!.data).toEqual({ customerId: 'c-2', absorbed: { customerId: 'c-1', name: null } });
    const other = await reopened.readStream('person-c-2');
    expect(other[0]!.data).toMatchObject({ name: 'Yorick' });
    expect(other[1]!.data).toMatchObject({ notes: 'Keep in touch' });
    expect(other[0]!.metadata.erasedFields).toBeUndefined();
  });

  it("A5: the envelope's free-text reason is sealed with the subject's key and shredded with it", async () => {
    const because = { ...context, reason: 'she is moving to Lisbon' };
    await store.append('person-c-1', [{ eventId: uuidv7(), type: 'shop.note-taken.v1', data: { customerId: 'c-1', notes: 'n' } }], { expectedVersion: 'any', context: because });
    await store.append('tick', [{ eventId: uuidv7(), type: 'shop.tick.v1', data: { n: 1 } }], { expectedVersion: 'any', context: { ...context, reason: 'nightly sweep' } });
    expect((await store.readStream('person-c-1'))[0]!.metadata.reason).toBe('she is moving to Lisbon');
    expect(JSON.stringify(await inner.readAll({ after: 0, maxCount: 10 }))).not.toMatch(/Lisbon/);
    expect((await store.readStream('tick'))[0]!.metadata.reason).toBe('nightly sweep');
    await new KeyVault(keys, master).erase('c-1', new Date('2026-05-01T00:00:00Z'));
    const [after] = await new EncryptingEventStore(inner, new KeyVault(keys, master), registry).readStream('person-c-1');
    expect(after!.metadata.reason).toBeUndefined();
    expect(after!.metadata.erasedFields).toEqual(['notes', 'metadata.reason']);
  });

  it('A5: the key store keeps no trace of an erased key in its file', async () => {
    await register('c-1', 'Zelda', []);
    const before = (await keys.get('c-1'))!.wrapped!;
    await new KeyVault(keys, master).erase('c-1', new Date('2026-05-01T00:00:00Z'));
    expect((await keys.get('c-1'))!.wrapped).toBeNull();
    expect(readFileSync(join(dir, 'keys.sqlite')).includes(before)).toBe(false);
  });

  it('A5: personal data appended for an erased subject is shredded at birth', async () => {
    await new KeyVault(keys, master).erase('c-9', new Date('2026-05-01T00:00:00Z'));
    await register('c-9', 'Quentin', ['late note']);
    const [registered] = await store.readStream('person-c-9');
    expect(registered!.data).toMatchObject({ name: null, email: null });
    expect(fileText()).not.toMatch(/Quentin|late note/);
  });

  it('A5: a sealed field copied into another event does not open (bound to event id and path)', async () => {
    await register('c-1', 'Zelda', ['one']);
    const raw = await inner.readStream('person-c-1');
    const stolen = (raw[0]!.data as { name: unknown }).name;
    await inner.append('person-c-3', [{ eventId: uuidv7(), type: 'shop.note-taken.v1', data: { customerId: 'c-1', notes: stolen } }], { expectedVersion: 'no_stream', context });
    await expect(store.readStream('person-c-3')).rejects.toThrow();
  });

  it('A5: a stream id that is personal data is stored under a keyed pseudonym and still found by its real id', async () => {
    await store.append('key-phone:+14155550100', [{ eventId: uuidv7(), type: 'shop.key-claimed.v1', data: { holder: 'c-1' } }], { expectedVersion: 'no_stream', context });
    const again = await store.readStream('key-phone:+14155550100');
    expect(again.map((e) => e.metadata.streamId)).toEqual(['key-phone:+14155550100']);
    const raw = await inner.readAll({ after: 0, maxCount: 10 });
    expect(raw[0]!.metadata.streamId).toMatch(/^key-~[A-Za-z0-9_-]{32}$/);
    expect(fileText()).not.toMatch(/14155550100/);
    await expect(store.append('key-phone:+14155550100', [], { expectedVersion: 'no_stream', context })).rejects.toThrow();
  });
});
