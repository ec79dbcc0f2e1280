import { PersonalDataRegistry, type AppendContext } from '@rapport/platform-eventsourcing';
import { SqliteEventStore } from '@rapport/platform-sqlite';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainWitness, readEverything } from './chain-witness';
import { newSigningKeys, privateKeyOf, publicKeyOf, verifyCheckpoint } from './checkpoint';
import { EncryptingEventStore } from './encrypting-event-store';
import { verifyEvents } from './event-chain';
import { KeyVault, MemoryKeyRepository } from './key-vault';

const context: AppendContext = { recordedAt: '2026-03-03T10:00:00.000Z', actor: { id: 'rep-1', kind: 'user' }, via: 'api', correlationId: 'c', causationId: 'c' };
const registry = new PersonalDataRegistry();
registry.declare({ 'shop.noted.v1': ['notes'] });

/**
 * A4 on SQLite: the store's events, as stored, against a witness of their links. Each mutation is done the way
 * someone with the database file would do it (plain SQL), and verify must name the event.
 */
describe('A4: hash chain over a SQLite store', () => {
  let dir: string;
  let path: string;
  let witnessPath: string;
  const vault = new KeyVault(new MemoryKeyRepository(), randomBytes(32));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-a4-'));
    path = join(dir, 'customers.sqlite');
    witnessPath = join(dir, 'customers.chain.jsonl');
    const store = new EncryptingEventStore(SqliteEventStore.open(path), vault, registry);
    for (let i = 1; i <= 20; i++) {
      await store.append(`customer-c-${i % 3}`, [{ eventId: `event-${String(i).padStart(2, '0')}`, type: 'shop.noted.v1', data: { customerId: `c-${i % 3}`, notes: `note ${i}`, n: i } }], { expectedVersion: 'any', context });
    }
    await store.close();
    const raw = SqliteEventStore.open(path);
    await new ChainWitness(witnessPath).update(raw);
    await raw.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const verify = async () => {
    const raw = SqliteEventStore.open(path);
    try {
      return verifyEvents(await readEverything(raw), new ChainWitness(witnessPath).read().links);
    } finally {
      await raw.close();
    }
  };
  const sql = (statement: string) => {
    const db = new Database(path);
    db.exec(statement);
    db.close();
  };

  it('A4: an untouched store verifies clean', async () => {
    expect(await verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('A4: one changed byte of a stored event names that event', async () => {
    sql(`UPDATE es_events SET metadata = replace(metadata, '"rep-1"', '"rep-2"') WHERE position = 7`);
    expect((await verify()).problem).toMatchObject({ kind: 'altered', at: expect.stringContaining('position 7 (event event-07') });
  });

  it('A4: a deleted event is named as removed', async () => {
    sql('DELETE FROM es_events WHERE position = 9');
    expect((await verify()).problem).toMatchObject({ kind: 'removed', at: expect.stringContaining('event-09') });
  });

  it('A4: two swapped events are named as reordered', async () => {
    sql('UPDATE es_events SET position = -1 WHERE position = 12; UPDATE es_events SET position = 12 WHERE position = 13; UPDATE es_events SET position = 13 WHERE position = -1;');
    expect((await verify()).problem).toMatchObject({ kind: 'reordered', at: expect.stringContaining('position 12 (event event-13') });
  });

  it('A4: an inserted event is named', async () => {
    sql(`INSERT INTO es_events (position, event_id, stream_id, stream_version, type, data, metadata)
         SELECT 21, 'forged', stream_id, 99, type, data, metadata FROM es_events WHERE position = 3`);
    expect((await verify()).problem).toMatchObject({ kind: 'inserted', at: expect.stringContaining('event forged') });
    sql('DELETE FROM es_events WHERE position = 21');
    sql(`UPDATE es_events SET position = position + 100 WHERE position >= 5;
         INSERT INTO es_events (position, event_id, stream_id, stream_version, type, data, metadata) SELECT 5, 'forged-middle', stream_id, 98, type, data, metadata FROM es_events WHERE position = 3;`);
    expect((await verify()).problem).toMatchObject({ kind: 'inserted', at: expect.stringContaining('forged-middle') });
  });

  it('A4: a truncated tail is caught and the first missing event named', async () => {
    sql('DELETE FROM es_events WHERE position > 15');
    expect((await verify()).problem).toMatchObject({ kind: 'truncated', at: expect.stringContaining('position 16') });
  });

  it('A4/A5: erasing a customer changes no stored byte: the chain still verifies', async () => {
    await vault.erase('c-1', new Date('2026-05-01T00:00:00Z'));
    const store = new EncryptingEventStore(SqliteEventStore.open(path), vault, registry);
    const erased = (await store.readStream('customer-c-1')).map((e) => (e.data as { notes: unknown }).notes);
    await store.close();
    expect(erased.every((n) => n === null)).toBe(true);
    expect(await verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('A4: a signed checkpoint verifies with the public key, and not once its head or count is changed', async () => {
    const keys = newSigningKeys();
    const checkpoint = new ChainWitness(witnessPath).checkpoint('customers', privateKeyOf(keys.privatePem), new Date('2026-03-04T00:00:00Z'));
    expect(checkpoint).toMatchObject({ service: 'customers', position: 20, count: 20 });
    expect(verifyCheckpoint(checkpoint, publicKeyOf(keys.publicPem))).toBe(true);
    expect(verifyCheckpoint({ ...checkpoint, count: 19 }, publicKeyOf(keys.publicPem))).toBe(false);
    expect(verifyCheckpoint(checkpoint, publicKeyOf(newSigningKeys().publicPem))).toBe(false);
    // A witness whose links were rewritten to match a forged store no longer ends at the signed head.
    const lines = readFileSync(witnessPath, 'utf8').split('\n').filter((l) => l.includes('"link"')).slice(0, 19);
    writeFileSync(witnessPath, `${lines.join('\n')}\n`);
    expect(new ChainWitness(witnessPath).read().links.at(-1)!.global).not.toBe(checkpoint.head);
  });
});
